using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incubator.Workflows;

/// <summary>Reads and writes workflow types as the camelCase JSON recipes carry.</summary>
public static class WorkflowJson
{
    /// <summary>The options: camelCase, enums as camelCase strings, unknown members refused so typos surface. Read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses one workflow type; throws <see cref="JsonException"/> (with the JSON path) when malformed.</summary>
    public static WorkflowType Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowType>(json, Options) ?? throw new JsonException("The workflow type is null.");

    /// <summary>Reads one workflow type from a JSON element, e.g. an item of a recipe step.</summary>
    public static WorkflowType Parse(JsonElement json) =>
        json.Deserialize<WorkflowType>(Options) ?? throw new JsonException("The workflow type is null.");

    /// <summary>Writes a workflow type.</summary>
    public static string Serialize(WorkflowType type) => JsonSerializer.Serialize(type, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Hand-written JSON should not have to put "kind" first.
            AllowOutOfOrderMetadataProperties = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };

        // Shared by every caller, so nobody may change it after the fact.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
