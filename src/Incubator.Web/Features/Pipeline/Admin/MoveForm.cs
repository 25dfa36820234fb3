using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.Pipeline.Admin;

/// <summary>
/// A small move form (a stage to choose and a button, optionally a note) for one organisation, drawn on each board card
/// and in the organisation page's section; it posts to <see cref="MoveModel"/> and comes back to <see cref="ReturnUrl"/>.
/// </summary>
internal sealed record MoveForm(string OrganisationId, string OrganisationName, string? Stage, int Version, IReadOnlyList<TaxonomyTerm> Stages, string ReturnUrl, bool WithNote)
{
    /// <summary>The stage offered first: the one after the current, as the usual next step, else the first.</summary>
    public string? Suggested
    {
        get
        {
            var at = Stages.ToList().FindIndex(s => s.Code == Stage);
            return at >= 0 && at + 1 < Stages.Count ? Stages[at + 1].Code : Stages.FirstOrDefault(s => s.Code != Stage)?.Code;
        }
    }
}
