namespace Incubator.Web.Features.Taxonomies;

/// <summary>A term of one of the taxonomies that recipes set: sectors, localities, stages, support types.</summary>
internal sealed class TaxonomyTerm
{
    public const string Sectors = "sectors";
    public const string Localities = "localities";
    public const string Stages = "stages";
    public const string SupportTypes = "support-types";

    public static readonly IReadOnlyList<string> Names = [Sectors, Localities, Stages, SupportTypes];

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
