namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>A rubric criterion as the builder's inputs hold it; the key is kept once made from the label.</summary>
internal sealed class CriterionDraft
{
    public string Key { get; set; } = string.Empty;
    public string LabelVi { get; set; } = string.Empty;
    public string LabelEn { get; set; } = string.Empty;
    public string MaxPoints { get; set; } = string.Empty;
    public string GuidanceVi { get; set; } = string.Empty;
    public string GuidanceEn { get; set; } = string.Empty;
}
