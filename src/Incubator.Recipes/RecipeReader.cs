using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Incubator.Recipes;

/// <summary>
/// Parses recipe JSON: <c>{ "name": "...", "description": "...", "variables": { "x": ... }, "steps": [ { "name": "Taxonomies", ... } ] }</c>.
/// A string in a step that is exactly <c>{{x}}</c> becomes the variable's value (of its own JSON type); <c>{{x}}</c>
/// inside a longer string is replaced by its text. The result is then checked against the schema, when one is given,
/// before any step can run.
/// </summary>
public static partial class RecipeReader
{
    /// <summary>Parses a recipe; throws <see cref="RecipeException"/> with a clear message when malformed.</summary>
    /// <param name="json">The recipe's text: strict JSON, without comments.</param>
    /// <param name="schema">recipe.schema.json, checked after the variables are substituted.</param>
    /// <param name="variables">Values that replace the recipe's own defaults (e.g. from the command line).</param>
    public static Recipe Parse(string json, RecipeSchema? schema = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            // Strict JSON, so that jq and JSON Schema tools read recipes too: notes go in "description" and in a step's "$comment".
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            var hint = json.Contains("//", StringComparison.Ordinal) || json.Contains("/*", StringComparison.Ordinal)
                ? " Comments are not allowed: put notes in the recipe's \"description\" or a step's \"$comment\"."
                : string.Empty;
            throw new RecipeException("The recipe is not valid JSON (line {0}): {1}{2}", [ex.LineNumber + 1, ex.Message, hint], ex);
        }

        using (document)
        {
            var root = Substitute(document.RootElement, variables);
            if (schema is not null)
            {
                Check(root, schema);
            }

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

    /// <summary>Refuses a recipe that breaks the schema, naming the step (when the problem is in one) and the field.</summary>
    private static void Check(JsonElement root, RecipeSchema schema)
    {
        var errors = schema.Validate(root);
        if (errors.Count == 0)
        {
            return;
        }

        var first = errors[0];
        var more = errors.Count > 1 ? $" ({errors.Count - 1} more: {string.Join("; ", errors.Skip(1).Take(4).Select(e => $"{e.Path} {e.Message}"))})" : string.Empty;
        var match = StepPath().Match(first.Path);
        if (match.Success && root.TryGetProperty("steps", out var steps))
        {
            var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var step = steps[index];
            var name = step.ValueKind == JsonValueKind.Object && step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "?";
            throw new RecipeException(index + 1, name, "$" + match.Groups[2].Value, first.Message + more);
        }

        throw new RecipeException("The recipe does not follow recipe.schema.json: {0} {1}{2}.", [first.Path, first.Message, more]);
    }

    /// <summary>The recipe with its variables' values in place of their placeholders.</summary>
    private static JsonElement Substitute(JsonElement root, IReadOnlyDictionary<string, string>? overrides)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("variables", out var declared) && declared.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in declared.EnumerateObject())
            {
                values[variable.Name] = variable.Value;
            }
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            if (!values.TryGetValue(name, out var declaredValue))
            {
                throw new RecipeException("The recipe has no variable '{0}'; it declares {1}.", [name, (values.Count == 0 ? "none" : string.Join(", ", values.Keys))]);
            }

            values[name] = declaredValue.ValueKind == JsonValueKind.String ? JsonSerializer.SerializeToElement(value) : Literal(name, value);
        }

        if (values.Count == 0 && !root.GetRawText().Contains("{{", StringComparison.Ordinal))
        {
            return root.Clone();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(root, writer, values, "$", inVariables: false);
        }

        using var copy = JsonDocument.Parse(buffer.ToArray());
        return copy.RootElement.Clone();
    }

    private static JsonElement Literal(string name, string value)
    {
        try
        {
            return JsonDocument.Parse(value).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RecipeException("The value given for variable '{0}' is not a number or a boolean: {1}", [name, value], ex);
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, Dictionary<string, JsonElement> values, string path, bool inVariables)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    var variables = path == "$" && property.Name == "variables";
                    Write(variables ? Declared(property.Value, values) : property.Value, writer, values, $"{path}.{property.Name}", inVariables || variables);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer, values, $"{path}[{i++}]", inVariables);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String when !inVariables && element.GetString()!.Contains("{{", StringComparison.Ordinal):
                Placeholder(element.GetString()!, values, path).WriteTo(writer);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The variables object as it stands after overrides, so the parsed recipe shows the values used.</summary>
    private static JsonElement Declared(JsonElement declared, Dictionary<string, JsonElement> values) =>
        declared.ValueKind == JsonValueKind.Object ? JsonSerializer.SerializeToElement(values) : declared;

    private static JsonElement Placeholder(string text, Dictionary<string, JsonElement> values, string path)
    {
        var whole = WholePlaceholder().Match(text);
        if (whole.Success)
        {
            return Value(whole.Groups[1].Value, values, path);
        }

        var replaced = AnyPlaceholder().Replace(text, m =>
        {
            var value = Value(m.Groups[1].Value, values, path);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        });
        return JsonSerializer.SerializeToElement(replaced);
    }

    private static JsonElement Value(string name, Dictionary<string, JsonElement> values, string path) =>
        values.TryGetValue(name, out var value)
            ? value
            : throw new RecipeException("The recipe uses variable '{0}' at {1} but does not declare it under \"variables\".", [name, path]);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$")]
    private static partial System.Text.RegularExpressions.Regex WholePlaceholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")]
    private static partial System.Text.RegularExpressions.Regex AnyPlaceholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\$\.steps\[(\d+)\](.*)$")]
    private static partial System.Text.RegularExpressions.Regex StepPath();

    /// <summary>The step's JSON minus its "name" and "$comment", cloned so it outlives the document.</summary>
    private static JsonElement WithoutName(JsonElement step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            // "$comment" is a note for the people who read the recipe, never data for the step.
            foreach (var property in step.EnumerateObject().Where(p => p.Name is not ("name" or "$comment")))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var copy = JsonDocument.Parse(buffer.ToArray());
        return copy.RootElement.Clone();
    }
}
