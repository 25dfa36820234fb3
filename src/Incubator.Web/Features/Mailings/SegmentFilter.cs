using System.Text.Json;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// A segment's conditions; each one given must hold. Organisation conditions (kind, sectors, locality with its
/// descendants, the startup's stage, the pipeline stage, cohort, programme applied to, organisation ids) pick
/// organisations, whose linked people are members; person conditions (tags, newsletter consent) narrow the people.
/// </summary>
internal sealed record SegmentFilter
{
    public string? Kind { get; init; }
    public List<string>? Sectors { get; init; }
    public string? Locality { get; init; }
    public string? Stage { get; init; }
    public string? PipelineStage { get; init; }
    public string? Cohort { get; init; }
    public List<string>? Tags { get; init; }
    public string? Programme { get; init; }
    public List<string>? OrganisationIds { get; init; }

    /// <summary>True: only people whose newest newsletter consent is given; false: only those without it.</summary>
    public bool? Consented { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Whether any condition picks organisations (members must then be linked to one of them).</summary>
    public bool NamesOrganisations =>
        Kind is not null || Sectors is { Count: > 0 } || Locality is not null || Stage is not null || PipelineStage is not null
        || Cohort is not null || Programme is not null || OrganisationIds is { Count: > 0 };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SegmentFilter FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new SegmentFilter() : JsonSerializer.Deserialize<SegmentFilter>(json, Json) ?? new SegmentFilter();

    /// <summary>The same filter with blank values dropped and lists trimmed and made distinct.</summary>
    public SegmentFilter Normalised() => new()
    {
        Kind = Blank(Kind)?.ToLowerInvariant(),
        Sectors = List(Sectors),
        Locality = Blank(Locality),
        Stage = Blank(Stage),
        PipelineStage = Blank(PipelineStage),
        Cohort = Blank(Cohort),
        Tags = List(Tags),
        Programme = Blank(Programme),
        OrganisationIds = List(OrganisationIds),
        Consented = Consented,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string>? List(List<string>? values)
    {
        var list = values?.Select(Blank).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return list is { Count: > 0 } ? list : null;
    }
}
