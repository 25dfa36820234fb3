using System.Globalization;
using System.Text.Json;

namespace Incubator.Workflows;

/// <summary>
/// Reads an action's data sent as JSON by the types the outcome declares: a JSON number for money or a number, true or
/// false for a yes/no, an array of strings for a list, and the text forms HTML forms post for every type. Values are
/// kept as the invariant text the engine checks and stores (a list as its items separated by ", ").
/// </summary>
public static class WorkflowData
{
    /// <summary>The values as text and, keyed "data.&lt;name&gt;", those whose JSON type does not fit the declared one.</summary>
    public static (Dictionary<string, string> Values, Dictionary<string, string> Errors) FromJson(
        IReadOnlyList<DataField> declared, IReadOnlyDictionary<string, JsonElement>? values)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                // As an empty input of a form: the engine treats it as not given.
                continue;
            }

            // A key no outcome declares keeps its text, so the engine refuses it as not a field of the action.
            var type = declared.FirstOrDefault(f => f.Name == name)?.Type;
            if (type is null)
            {
                texts[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
            else if (Text(type.Value, value) is { } text)
            {
                texts[name] = text;
            }
            else
            {
                errors[$"data.{name}"] = Expected(type.Value);
            }
        }

        return (texts, errors);
    }

    /// <summary>The message for a value that is not of <paramref name="type"/>, an English text the host translates.</summary>
    public static string Expected(DataFieldType type) => type switch
    {
        DataFieldType.Date => "Must be a date as yyyy-MM-dd.",
        DataFieldType.Money => "Must be a non-negative whole number of đồng.",
        DataFieldType.Number => "Must be a number.",
        DataFieldType.Boolean => "Must be true or false.",
        DataFieldType.List => "Must be a list of texts.",
        _ => "Must be text.",
    };

    private static string? Text(DataFieldType type, JsonElement value) => (type, value.ValueKind) switch
    {
        // Every type's text form stays accepted (the back office's forms post text); the engine checks its format.
        (_, JsonValueKind.String) => value.GetString(),
        (DataFieldType.Money, JsonValueKind.Number) => value.TryGetInt64(out var amount) ? amount.ToString(CultureInfo.InvariantCulture) : null,
        (DataFieldType.Number, JsonValueKind.Number) => value.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : null,
        (DataFieldType.Boolean, JsonValueKind.True) => "true",
        (DataFieldType.Boolean, JsonValueKind.False) => "false",
        (DataFieldType.List, JsonValueKind.Array) when value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
            string.Join(", ", value.EnumerateArray().Select(i => i.GetString()!.Trim()).Where(i => i.Length > 0)),
        _ => null,
    };
}
