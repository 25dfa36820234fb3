using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>One row of the segments' list: the segment, its members now, and who made it.</summary>
internal sealed record SegmentRow(string Id, string Name, int Members, string? CreatedBy, DateTime CreatedUtc);

/// <summary>The segments, newest first, a page at a time, each with its member count computed live.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class SegmentsModel(IncubatorDbContext db, SegmentMembers members) : PageModel
{
    public const int PageSize = 20;

    public List<SegmentRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        var segments = db.Set<Segment>().AsNoTracking();
        Total = await segments.CountAsync(cancellationToken);
        var page = await segments.OrderByDescending(s => s.CreatedUtc).ThenByDescending(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var users = await UserNames.ReadAsync(db, page.Select(s => s.CreatedBy), cancellationToken);
        foreach (var segment in page)
        {
            var count = await members.CountAsync(SegmentFilter.FromJson(segment.FilterJson), cancellationToken);
            Rows.Add(new SegmentRow(segment.Id, segment.Name, count, segment.CreatedBy is { } by ? users.GetValueOrDefault(by, by) : null, segment.CreatedUtc));
        }
    }

    public string Link(int page) => Url.Page("/Mailings/Admin/Segments") + "?p=" + page.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The names (else e-mails) of the users who made or sent something, read for one page's rows.</summary>
internal static class UserNames
{
    public static async Task<Dictionary<string, string>> ReadAsync(IncubatorDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, StringComparer.Ordinal);
    }
}
