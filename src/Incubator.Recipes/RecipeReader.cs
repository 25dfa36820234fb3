using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Incubator.Recipes;

/// <summary>Parses recipe JSON: <c>{ "name": "...", "description": "...", "steps": [ { "name": "Taxonomies", ... } ] }</c>.</summary>
public static class RecipeReader
{
    /// <summary>Parses a recipe; throws <see cref="RecipeException"/> with a clear message when malformed.</summary>
    public static Recipe Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"The recipe is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException("The recipe must be a JSON object with \"name\" and \"steps\".");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new RecipeException("The recipe needs a \"name\" (a non-empty string).");
            }

            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (!root.TryGetProperty("steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array)
            {
                throw new RecipeException("The recipe needs \"steps\" (an array).");
            }

            var steps = new List<RecipeStep>();
            foreach (var step in stepsElement.EnumerateArray())
            {
                var number = steps.Count + 1;
                if (step.ValueKind != JsonValueKind.Object
                    || !step.TryGetProperty("name", out var stepName)
                    || stepName.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(stepName.GetString()))
                {
                    throw new RecipeException(number, "?", "$.name", "each step must be an object with a \"name\"");
                }

                steps.Add(new RecipeStep(number, stepName.GetString()!, WithoutName(step)));
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            return new Recipe(name, description, steps, hash);
        }
    }

    /// <summary>The step's JSON minus its "name", cloned so it outlives the document.</summary>
    private static JsonElement WithoutName(JsonElement step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in step.EnumerateObject().Where(p => p.Name != "name"))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var copy = JsonDocument.Parse(buffer.ToArray());
        return copy.RootElement.Clone();
    }
}
