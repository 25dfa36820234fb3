using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>One row of the mailings' list: the mailing, its segment's name and where its sending stands.</summary>
internal sealed record MailingRow(Mailing Mailing, string? Segment, MailingProgress Progress);

/// <summary>The mailings, newest first, a page at a time, with each one's counts from <see cref="MailingProgress"/>.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MailingsModel(IncubatorDbContext db) : PageModel
{
    public const int PageSize = 20;

    public List<MailingRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        var mailings = db.Set<Mailing>().AsNoTracking();
        Total = await mailings.CountAsync(cancellationToken);
        var page = await mailings.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var segmentIds = page.Select(m => m.SegmentId).Distinct().ToList();
        var segments = await db.Set<Segment>().AsNoTracking().Where(s => segmentIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        foreach (var mailing in page)
        {
            Rows.Add(new MailingRow(mailing, segments.GetValueOrDefault(mailing.SegmentId), await MailingProgress.ReadAsync(db, mailing.Id, cancellationToken)));
        }
    }

    public string Link(int page) => Url.Page("/Mailings/Admin/Mailings") + "?p=" + page.ToString(CultureInfo.InvariantCulture);
}
