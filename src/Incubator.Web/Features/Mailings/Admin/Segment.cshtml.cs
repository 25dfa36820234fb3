using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>A segment: its conditions in words, how many members it has now, and the members a page at a time.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class SegmentModel(
    IncubatorDbContext db, SegmentMembers members, TaxonomyService taxonomies, IEnumerable<ISegmentCondition> conditions, IStringLocalizer<SegmentModel> localizer) : PageModel
{
    public const int PageSize = 50;

    [TempData]
    public string? SegmentMessage { get; set; }

    public Segment Segment { get; private set; } = null!;
    public IReadOnlyList<(string Condition, string Value)> Conditions { get; private set; } = [];
    public List<SegmentMember> Members { get; private set; } = [];
    public Dictionary<string, bool> Consents { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string id, int? p, CancellationToken cancellationToken)
    {
        if (await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } segment)
        {
            return NotFound();
        }

        Segment = segment;
        var filter = SegmentFilter.FromJson(segment.FilterJson);
        Conditions = (await SegmentChoices.LoadAsync(db, taxonomies, conditions, cancellationToken)).Describe(filter, localizer);
        PageNumber = Math.Max(1, p ?? 1);
        (Members, Total) = await members.PageAsync(filter, PageNumber, PageSize, cancellationToken);
        Consents = await SegmentConsents.ReadAsync(db, [.. Members.Select(m => m.PersonId)], cancellationToken);
        return Page();
    }

    public string Link(int page) => Url.Page("/Mailings/Admin/Segment", new { id = Segment.Id }) + "?p=" + page.ToString(CultureInfo.InvariantCulture);
}
