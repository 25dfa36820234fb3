namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>
/// The segment form: a name and each condition of <see cref="SegmentFilter"/> a person can choose on a page (tags
/// separated by commas, consent as "any", "yes" or "no"). The organisations a segment lists by id (set through the
/// API) have no field: an edit keeps them as stored.
/// </summary>
internal sealed class SegmentForm
{
    public const string Consented = "yes";
    public const string NotConsented = "no";

    public string? Name { get; set; }
    public string? Kind { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? Locality { get; set; }
    public string? Stage { get; set; }
    public string? PipelineStage { get; set; }
    public string? Programme { get; set; }
    public string? Cohort { get; set; }
    public string? Tags { get; set; }
    public string? Consent { get; set; }

    public static SegmentForm From(string name, SegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new()
        {
            Name = name,
            Kind = filter.Kind,
            Sectors = filter.Sectors ?? [],
            Locality = filter.Locality,
            Stage = filter.Stage,
            PipelineStage = filter.PipelineStage,
            Programme = filter.Programme,
            Cohort = filter.Cohort,
            Tags = filter.Tags is { } tags ? string.Join(", ", tags) : null,
            Consent = filter.Consented switch { true => Consented, false => NotConsented, null => null },
        };
    }

    /// <param name="kept">The stored filter, whose conditions without a field here carry over (null for a new segment).</param>
    public SegmentFilter ToFilter(SegmentFilter? kept) => new SegmentFilter
    {
        Kind = Kind,
        Sectors = Sectors,
        Locality = Locality,
        Stage = Stage,
        PipelineStage = PipelineStage,
        Programme = Programme,
        Cohort = Cohort,
        Tags = [.. (Tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        Consented = Consent switch { Consented => true, NotConsented => false, _ => null },
        OrganisationIds = kept?.OrganisationIds,
    }.Normalised();

    /// <summary>The form's field beside which a rule's message goes ("filter.pipelineStage" → "Form.PipelineStage"); "" for one it has not.</summary>
    public static string FieldOf(string field, bool cohortShown)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.StartsWith("filter.", StringComparison.Ordinal) ? field["filter.".Length..] : field;
        return name switch
        {
            "name" or "kind" or "sectors" or "locality" or "stage" or "pipelineStage" or "programme" or "tags" => "Form." + char.ToUpperInvariant(name[0]) + name[1..],
            "cohort" when cohortShown => "Form.Cohort",
            _ => string.Empty,
        };
    }
}
