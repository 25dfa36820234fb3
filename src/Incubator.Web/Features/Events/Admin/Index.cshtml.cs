using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Admin;

/// <summary>
/// The back office's events: the latest version of each, upcoming (soonest first), past (newest first) or all, published
/// or draft, counted and paged in the database.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(IncubatorDbContext db, EventListing listing, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public string When { get; private set; } = "upcoming";
    public string? Status { get; private set; }
    public List<EventListing.Row> Rows { get; private set; } = [];

    /// <summary>The content items of <see cref="Rows"/> that have a published version (the latest may be a newer draft).</summary>
    public HashSet<string> Published { get; private set; } = [];

    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(string? when, string? status, int? p, CancellationToken cancellationToken)
    {
        When = when is "past" or "all" ? when : "upcoming";
        Status = status is "published" or "draft" ? status : null;
        PageNumber = Math.Clamp(p ?? 1, 1, EventListing.MaxPage);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = db.Set<Event>().AsNoTracking();
        var query = events.Where(e => e.Latest && e.DeletedUtc == null);
        query = When switch
        {
            "upcoming" => query.Where(e => e.EndsUtc >= now),
            "past" => query.Where(e => e.EndsUtc < now),
            _ => query,
        };
        if (Status == "published")
        {
            query = query.Where(e => events.Any(v => v.ContentItemId == e.ContentItemId && v.Published && v.DeletedUtc == null));
        }
        else if (Status == "draft")
        {
            query = query.Where(e => !events.Any(v => v.ContentItemId == e.ContentItemId && v.Published && v.DeletedUtc == null));
        }

        Total = await query.CountAsync(cancellationToken);
        var ordered = When == "upcoming" ? query.OrderBy(e => e.StartsUtc).ThenBy(e => e.Id) : query.OrderByDescending(e => e.StartsUtc).ThenByDescending(e => e.Id);
        var page = await ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Rows = await listing.RowsAsync(page, cancellationToken);
        var ids = page.Select(e => e.ContentItemId).ToList();
        Published = [.. await events.Where(v => ids.Contains(v.ContentItemId) && v.Published && v.DeletedUtc == null).Select(v => v.ContentItemId).ToListAsync(cancellationToken)];
    }

    public string Link(int page) =>
        Url.Page("/Events/Admin/Index") + QueryString.Create(new Dictionary<string, string?>
        {
            ["when"] = When == "upcoming" ? null : When,
            ["status"] = Status,
            ["p"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
