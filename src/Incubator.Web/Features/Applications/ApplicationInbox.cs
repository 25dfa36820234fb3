using Incubator.Core.Text;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>The back office's filter over submitted applications: programme (id), status, words of the title, order.</summary>
internal sealed record QueueFilter(string? Programme, string? Status, string? Search, bool Oldest);

/// <summary>
/// Submitted applications for the back office's queue and its CSV export, which must agree row for row. Drafts are
/// the applicants' own work in progress and never listed.
/// </summary>
internal sealed class ApplicationInbox(IncubatorDbContext db)
{
    /// <summary>How many applications are in each status, under every filter but the status one.</summary>
    public async Task<Dictionary<string, int>> CountsAsync(QueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter with { Status = null }, cancellationToken);
        return await query.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>One page of the queue and how many match in all.</summary>
    public async Task<(List<SupportApplication> Page, int Total)> PageAsync(QueueFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Order(query, filter).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Every matching application, in the queue's order.</summary>
    public async Task<List<SupportApplication>> AllAsync(QueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await Order(await FilterAsync(filter, cancellationToken), filter).ToListAsync(cancellationToken);
    }

    private async Task<IQueryable<SupportApplication>> FilterAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatuses.Draft);
        if (!string.IsNullOrWhiteSpace(filter.Programme))
        {
            query = query.Where(a => a.ProgrammeId == filter.Programme);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            query = query.Where(a => a.Status == filter.Status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Matched with and without accents and in any case ("doi moi" finds "Đổi Mới"), which neither database's
            // LIKE does alike; a province's queue is small enough to fold its titles here.
            var words = VietnameseText.Fold(VietnameseText.ToNfc(filter.Search.Trim())).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var titles = await query.Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
            var ids = titles.Where(t => words.All(VietnameseText.Fold(t.Title).Contains)).Select(t => t.Id).ToList();
            query = query.Where(a => ids.Contains(a.Id));
        }

        return query;
    }

    private static IQueryable<SupportApplication> Order(IQueryable<SupportApplication> query, QueueFilter filter) =>
        filter.Oldest
            ? query.OrderBy(a => a.SubmittedUtc).ThenBy(a => a.Id)
            : query.OrderByDescending(a => a.SubmittedUtc).ThenByDescending(a => a.Id);
}
