namespace Incubator.Web.Features.Cohorts;

/// <summary>
/// A link another feature adds to a cohort's page (its members' check-ins, say), so the cohort page need not know
/// that feature: the page lists each registered link, its text localised, to the Razor page given with the cohort's
/// key as the "key" route value.
/// </summary>
internal interface ICohortPageLink
{
    /// <summary>The link's English text; the page localises it (so it needs its Vietnamese in vi.json).</summary>
    string Text { get; }

    /// <summary>The Razor page it opens, e.g. "/CheckIns/Admin/Cohort".</summary>
    string Page { get; }
}
