using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incubator.Workflows;

/// <summary>Reads a name as one text or as <c>{ "vi", "en" }</c>, and writes it back in the shape it came in.</summary>
internal sealed class WorkflowNameJsonConverter : JsonConverter<WorkflowName>
{
    public override WorkflowName? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return WorkflowName.FromText(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A name is a text or an object { \"vi\": \"...\", \"en\": \"...\" }.");
        }

        string? vi = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"The name's \"{property}\" must be a text."),
            };
            switch (property)
            {
                case "vi":
                    vi = value;
                    break;
                case "en":
                    en = value;
                    break;
                default:
                    throw new JsonException($"A name has only \"vi\" and \"en\", not \"{property}\".");
            }
        }

        return new WorkflowName(vi ?? string.Empty, en);
    }

    public override void Write(Utf8JsonWriter writer, WorkflowName value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("vi", value.Vi);
        if (value.En is not null)
        {
            writer.WriteString("en", value.En);
        }

        writer.WriteEndObject();
    }
}
