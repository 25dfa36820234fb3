namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>A round as the builder's inputs hold it: its kept key (empty until the programme is saved), name and times as typed.</summary>
internal sealed class RoundDraft
{
    public string Key { get; set; } = string.Empty;
    public string NameVi { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;

    /// <summary>Vietnam time as a date-time input carries it: yyyy-MM-ddTHH:mm:ss.</summary>
    public string OpensAt { get; set; } = string.Empty;

    public string ClosesAt { get; set; } = string.Empty;
}
