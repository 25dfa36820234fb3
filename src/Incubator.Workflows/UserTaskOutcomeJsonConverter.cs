using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incubator.Workflows;

/// <summary>
/// Reads an outcome in either shape: <c>{ "id": "approve", "name": { "vi", "en" } }</c>, or the older
/// <c>{ "name": "approve" }</c> whose "name" is the key. Writes the older shape when the outcome has no name, so the
/// stored definition of a version installed before names existed stays byte for byte the same.
/// </summary>
internal sealed class UserTaskOutcomeJsonConverter : JsonConverter<UserTaskOutcome>
{
    public override UserTaskOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An outcome is an object, e.g. { \"id\": \"approve\", \"name\": { \"vi\": \"Phê duyệt\", \"en\": \"Approve\" } }.");
        }

        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string? id = null, key = null;
        WorkflowName? name = null;
        var (requiresComment, hidden) = (false, false);
        IReadOnlyList<DataField> data = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString() ?? string.Empty;
            reader.Read();
            if (string.Equals(property, "id", comparison))
            {
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("An outcome's \"id\" must be a text.");
            }
            else if (string.Equals(property, "name", comparison))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    key = reader.GetString();
                }
                else
                {
                    name = JsonSerializer.Deserialize<WorkflowName>(ref reader, options);
                }
            }
            else if (string.Equals(property, "requiresComment", comparison))
            {
                requiresComment = Boolean(ref reader, property);
            }
            else if (string.Equals(property, "internal", comparison))
            {
                hidden = Boolean(ref reader, property);
            }
            else if (string.Equals(property, "data", comparison))
            {
                data = JsonSerializer.Deserialize<List<DataField>>(ref reader, options) ?? [];
            }
            else
            {
                throw new JsonException($"An outcome has no \"{property}\".");
            }
        }

        // With an "id", a one-text "name" is the name people read (in whichever language it was written).
        if (id is not null && key is not null)
        {
            name = WorkflowName.FromText(key);
        }
        else if (id is null && name is not null)
        {
            throw new JsonException("An outcome whose name is { \"vi\", \"en\" } gives its key as \"id\".");
        }

        return new UserTaskOutcome
        {
            Name = id ?? key ?? throw new JsonException("An outcome needs its key, as \"id\" (or as \"name\" in the older shape)."),
            DisplayName = name,
            RequiresComment = requiresComment,
            Internal = hidden,
            Data = data,
        };
    }

    public override void Write(Utf8JsonWriter writer, UserTaskOutcome value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.DisplayName is null)
        {
            writer.WriteString("name", value.Name);
        }
        else
        {
            writer.WriteString("id", value.Name);
            writer.WritePropertyName("name");
            JsonSerializer.Serialize(writer, value.DisplayName, options);
        }

        writer.WriteBoolean("requiresComment", value.RequiresComment);
        writer.WriteBoolean("internal", value.Internal);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, value.Data, options);
        writer.WriteEndObject();
    }

    private static bool Boolean(ref Utf8JsonReader reader, string property) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"An outcome's \"{property}\" must be true or false."),
    };
}
