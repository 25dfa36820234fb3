namespace Incubator.Web.Features.Taxonomies;

/// <summary>A term of one of the taxonomies that recipes set: sectors, localities, stages, support types, pipeline stages, needs, expertise, event kinds.</summary>
internal sealed class TaxonomyTerm
{
    public const string Sectors = "sectors";
    public const string Localities = "localities";
    public const string Stages = "stages";
    public const string SupportTypes = "support-types";

    /// <summary>The incubation pipeline's stages (lead, applied, incubating...), in their order on the board.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>What a startup says it needs help with (market, fundraising, technology...), matched against mentors' expertise.</summary>
    public const string Needs = "needs";

    /// <summary>A mentor's fields of expertise.</summary>
    public const string Expertise = "expertise";

    /// <summary>The kinds of event (training, workshop, networking, demo day, technology fair, contest).</summary>
    public const string EventKinds = "event-kinds";

    public static readonly IReadOnlyList<string> Names = [Sectors, Localities, Stages, SupportTypes, Pipeline, Needs, Expertise, EventKinds];

    public int Id { get; set; }
    public string Taxonomy { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;

    /// <summary>The parent term's code: a commune's province.</summary>
    public string? ParentCode { get; set; }

    public string NameVi { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public int Order { get; set; }

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameVi;
}
