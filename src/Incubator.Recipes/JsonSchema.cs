using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Incubator.Recipes;

/// <summary>One way a JSON document breaks its schema: where (a JSON path such as <c>$.steps[2].days[0].date</c>) and why.</summary>
public sealed record SchemaError(string Path, string Message);

/// <summary>
/// Checks JSON against a JSON Schema (draft 2020-12), for the keywords recipe.schema.json uses: type, enum, const,
/// properties, required, additionalProperties, items, min/maxItems, min/maxLength, pattern, minimum, maximum,
/// exclusiveMinimum, format (date, date-time), allOf, anyOf, oneOf, not, if/then/else and $ref into $defs.
/// A schema using any other validation keyword is refused when it is read, so it can never promise a check that is
/// not made. (No JSON Schema library is available to this project, hence this small one.)
/// </summary>
public sealed class JsonSchema
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "minLength",
        "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "format", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    };

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchema(JsonElement root)
    {
        _root = root;
        Check(root, "#");
    }

    public static JsonSchema Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new JsonSchema(document.RootElement.Clone());
    }

    /// <summary>Every problem found, in document order; empty when the instance is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Validate(_root, instance, "$", errors);
        return errors;
    }

    private void Validate(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(path, "is not allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(Resolve(reference.GetString()!), value, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add(new(path, $"must be {Describe(type)}, not {Kind(value)}"));
            return; // the other keywords would only repeat the same complaint
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add(new(path, $"must be {constant.GetRawText()}"));
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, value)))
        {
            errors.Add(new(path, $"must be one of {string.Join(", ", choices.EnumerateArray().Select(c => c.GetRawText()))}"));
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, value.GetDouble(), path, errors);
                break;
        }

        ValidateCombinations(schema, value, path, errors);
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add(new(Child(path, name), "is required"));
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, Child(path, property.Name), errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add(new(Child(path, property.Name), "is not a known field here"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(additional, property.Value, Child(path, property.Name), errors);
            }
        }
    }

    private void ValidateArray(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add(new(path, $"needs at least {min.GetInt32()} item(s)"));
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add(new(path, $"takes at most {max.GetInt32()} item(s)"));
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private void ValidateString(JsonElement schema, string value, string path, List<SchemaError> errors)
    {
        var length = new StringInfo(value).LengthInTextElements;
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            errors.Add(new(path, min.GetInt32() == 1 ? "must not be empty" : $"needs at least {min.GetInt32()} characters"));
        }

        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            errors.Add(new(path, $"takes at most {max.GetInt32()} characters"));
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(value))
        {
            errors.Add(new(path, $"must match {pattern.GetString()}"));
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && value.Contains('T', StringComparison.Ordinal),
                _ => true,
            };
            if (!ok)
            {
                errors.Add(new(path, format.GetString() == "date"
                    ? $"'{value}' is not a date; write it as yyyy-MM-dd"
                    : $"'{value}' is not a date and time with its offset; write it as 2026-01-31T23:59:59+07:00"));
            }
        }
    }

    private static void ValidateNumber(JsonElement schema, double value, string path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
        {
            errors.Add(new(path, $"must be at least {min.GetRawText()}"));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && value <= exclusive.GetDouble())
        {
            errors.Add(new(path, $"must be more than {exclusive.GetRawText()}"));
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
        {
            errors.Add(new(path, $"must be at most {max.GetRawText()}"));
        }
    }

    private void ValidateCombinations(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Validate(part, value, path, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(part => IsValid(part, value)))
        {
            errors.Add(new(path, "matches none of the allowed shapes"));
        }

        if (schema.TryGetProperty("oneOf", out var one) && one.EnumerateArray().Count(part => IsValid(part, value)) != 1)
        {
            errors.Add(new(path, "must match exactly one of the allowed shapes"));
        }

        if (schema.TryGetProperty("not", out var not) && IsValid(not, value))
        {
            errors.Add(new(path, "is not allowed here"));
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = IsValid(condition, value) ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence))
            {
                Validate(consequence, value, path, errors);
            }
        }
    }

    private bool IsValid(JsonElement schema, JsonElement value)
    {
        var errors = new List<SchemaError>();
        Validate(schema, value, "$", errors);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/$defs/", StringComparison.Ordinal) || !_root.TryGetProperty("$defs", out var defs)
            || !defs.TryGetProperty(reference["#/$defs/".Length..], out var target))
        {
            throw new InvalidOperationException($"The schema refers to {reference}, which it does not define under $defs.");
        }

        return target;
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            _patterns[pattern] = regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return regex;
    }

    /// <summary>Refuses schemas with keywords this validator would silently ignore, and references it cannot follow.</summary>
    private void Check(JsonElement schema, string where)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The schema at {where} must be an object or a boolean.");
        }

        foreach (var property in schema.EnumerateObject())
        {
            var at = $"{where}/{property.Name}";
            if (property.Name == "$defs" || property.Name == "properties")
            {
                foreach (var child in property.Value.EnumerateObject())
                {
                    Check(child.Value, $"{at}/{child.Name}");
                }
            }
            else if (property.Name is "allOf" or "anyOf" or "oneOf")
            {
                var i = 0;
                foreach (var child in property.Value.EnumerateArray())
                {
                    Check(child, $"{at}/{i++}");
                }
            }
            else if (property.Name is "items" or "additionalProperties" or "not" or "if" or "then" or "else")
            {
                Check(property.Value, at);
            }
            else if (property.Name == "$ref")
            {
                Resolve(property.Value.GetString() ?? string.Empty);
            }
            else if (property.Name == "pattern")
            {
                Pattern(property.Value.GetString() ?? string.Empty);
            }
            else if (!Keywords.Contains(property.Name) && !Annotations.Contains(property.Name))
            {
                throw new InvalidOperationException($"The schema uses {at}, a keyword this validator does not check.");
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => Is(t.GetString()!, value))
        : Is(type.GetString()!, value);

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"Unknown JSON Schema type '{type}'."),
    };

    private static string Describe(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString()!)))
        : Article(type.GetString()!);

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
        Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$") ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
