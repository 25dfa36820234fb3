using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Incubator.Recipes;

/// <summary>One way a JSON document breaks its schema: where (a JSON path such as <c>$.steps[2].days[0].date</c>) and why.</summary>
public sealed record SchemaError(string Path, string Message);

/// <summary>
/// A JSON Schema (draft 2020-12) checked by JsonSchema.Net, with its findings told the way recipe authors read them:
/// a JSON path (<c>$.steps[2].name</c>) and a short reason ("is required", "must be a string, not a number").
/// </summary>
public sealed partial class RecipeSchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly JsonSchema _schema;

    static RecipeSchema()
    {
        // The library's messages are process-wide templates. Recipes are the only JSON Schema user in this process,
        // so the templates carry just the tokens, and Describe() words the reason in the recipes' own terms.
        ErrorMessages.Type = "[[expected]]";
        ErrorMessages.Enum = "[[values]]";
        ErrorMessages.Const = "[[value]]";
        ErrorMessages.Required = "[[missing]]";
        ErrorMessages.MinItems = ErrorMessages.MaxItems = "[[limit]]";
        ErrorMessages.MinLength = ErrorMessages.MaxLength = "[[limit]]";
        ErrorMessages.Minimum = ErrorMessages.Maximum = ErrorMessages.ExclusiveMinimum = ErrorMessages.ExclusiveMaximum = "[[limit]]";
        ErrorMessages.Pattern = "[[pattern]]";
        ErrorMessages.Format = ErrorMessages.FormatWithDetail = "[[format]]";
    }

    private RecipeSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Reads a schema; throws <see cref="InvalidOperationException"/> when it is not one.</summary>
    public static RecipeSchema Parse(string json)
    {
        try
        {
            // Its own registry, so that reading the same schema (same $id) again does not collide with the first copy.
            return new RecipeSchema(JsonSchema.FromText(json, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        }
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or RefResolutionException)
        {
            throw new InvalidOperationException($"The schema cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Every problem found; empty when the instance is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Collect(_schema.Evaluate(instance, Options), instance, errors);
        return errors;
    }

    /// <summary>
    /// Walks the failing nodes. The branches of anyOf, oneOf and not and the condition of if fail as a matter of course,
    /// so their inner complaints are not the author's mistake: only the combination's own verdict is told.
    /// </summary>
    private static void Collect(EvaluationResults node, JsonElement root, List<SchemaError> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        var at = Locate(node.InstanceLocation.ToString(), root);
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (keyword == "required")
            {
                foreach (var name in JsonSerializer.Deserialize<string[]>(message) ?? [])
                {
                    errors.Add(new(Child(at.Path, name), "is required"));
                }
            }
            else
            {
                errors.Add(new(at.Path, Describe(keyword, message, at.Value, node)));
            }
        }

        var depth = Segments(node.EvaluationPath.ToString()).Count;
        var branches = new Dictionary<string, (int Total, int Failed)>(StringComparer.Ordinal);
        foreach (var child in node.Details ?? [])
        {
            var segments = Segments(child.EvaluationPath.ToString());
            var keyword = segments.Count > depth ? segments[depth] : string.Empty;
            if (keyword is "anyOf" or "oneOf" or "not" or "if")
            {
                var (total, failed) = branches.GetValueOrDefault(keyword);
                branches[keyword] = (total + 1, failed + (child.IsValid ? 0 : 1));
                continue;
            }

            Collect(child, root, errors);
        }

        if (branches.TryGetValue("anyOf", out var any) && any.Failed == any.Total && !(node.Errors?.ContainsKey("anyOf") ?? false))
        {
            errors.Add(new(at.Path, "matches none of the allowed shapes"));
        }

        if (branches.TryGetValue("not", out var not) && not.Failed == 0 && !(node.Errors?.ContainsKey("not") ?? false))
        {
            errors.Add(new(at.Path, "is not allowed here"));
        }
    }

    private static string Describe(string keyword, string token, JsonElement value, EvaluationResults node) => keyword switch
    {
        "type" => $"must be {string.Join(" or ", Strings(token).Select(Article))}, not {Kind(value)}",
        "enum" => $"must be one of {string.Join(", ", Elements(token).Select(e => e.GetRawText()))}",
        "const" => $"must be {token}",
        "minItems" => $"needs at least {token} item(s)",
        "maxItems" => $"takes at most {token} item(s)",
        "minLength" => token == "1" ? "must not be empty" : $"needs at least {token} characters",
        "maxLength" => $"takes at most {token} characters",
        "pattern" => $"must match {Unquote(token)}",
        "minimum" => $"must be at least {token}",
        "exclusiveMinimum" => $"must be more than {token}",
        "maximum" => $"must be at most {token}",
        "exclusiveMaximum" => $"must be less than {token}",
        "format" => Unquote(token) switch
        {
            "date" => $"'{Text(value)}' is not a date; write it as yyyy-MM-dd",
            "date-time" => $"'{Text(value)}' is not a date and time with its offset; write it as 2026-01-31T23:59:59+07:00",
            var format => $"'{Text(value)}' is not a valid {format}",
        },
        "oneOf" => "must match exactly one of the allowed shapes",
        "anyOf" => "matches none of the allowed shapes",
        // A false schema: under additionalProperties it means the field is unknown.
        "" => Segments(node.EvaluationPath.ToString()) is [.., "additionalProperties"] ? "is not a known field here" : "is not allowed here",
        "not" => "is not allowed here",
        _ => token, // a keyword the recipes do not use yet: the library's own words

    };

    /// <summary>The JSON path (<c>$.steps[2].days[0]</c>) and value at a JSON Pointer into the instance.</summary>
    private static (string Path, JsonElement Value) Locate(string pointer, JsonElement root)
    {
        var path = "$";
        var value = root;
        foreach (var segment in Segments(pointer))
        {
            if (value.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path += $"[{index}]";
                value = value[index];
            }
            else
            {
                path = Child(path, segment);
                value = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child) ? child : default;
            }
        }

        return (path, value);
    }

    private static List<string> Segments(string pointer) =>
        [.. pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static IEnumerable<JsonElement> Elements(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Select(e => e.Clone())]
            : [document.RootElement.Clone()];
    }

    private static IEnumerable<string> Strings(string json) => Elements(json).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());

    private static string Unquote(string token) => token.StartsWith('"') ? JsonSerializer.Deserialize<string>(token) ?? token : token;

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Article(string type) => type switch
    {
        "object" => "an object",
        "array" => "an array",
        "integer" => "a whole number",
        "null" => "null",
        _ => "a " + type,
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Child(string path, string name) =>
        Identifier().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
