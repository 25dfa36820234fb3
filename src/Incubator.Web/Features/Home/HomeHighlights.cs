using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Home;

/// <summary>
/// What the home page leads with besides the index's counts and news: the programmes open now and the targets'
/// summary. Both are kept in the <see cref="DataCache"/>, so a visit reads no table once they are filled: the
/// published programmes until a programme is saved (which rounds are open is worked out per visit from the clock),
/// the targets' states until a target, a content item or an application is saved on this instance, and at most
/// <see cref="DataCache.MaxAge"/> for the staff's records and other instances' changes.
/// </summary>
internal sealed class HomeHighlights(IncubatorDbContext db, DataCache cache, TargetProgress targets)
{
    /// <summary>A published programme as the home page shows it.</summary>
    public sealed record ProgrammeCard(string Slug, LocalizedText Name, long MaxPerApplication, IReadOnlyList<ProgrammeRound> Rounds);

    /// <summary>A programme with the round that is open now.</summary>
    public sealed record OpenProgramme(ProgrammeCard Programme, ProgrammeRound Round);

    /// <summary>The published programmes with a round open at <paramref name="nowUtc"/>, soonest closing first.</summary>
    public async Task<IReadOnlyList<OpenProgramme>> OpenProgrammesAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var published = await cache.GetAsync<IReadOnlyList<ProgrammeCard>>("home:programmes", [typeof(Programme)], async token =>
            [.. (await db.Programmes.AsNoTracking().Where(p => p.Published && p.DeletedUtc == null).ToListAsync(token))
                .Select(p => new ProgrammeCard(p.Slug, p.Name, p.MaxPerApplication, p.Rounds))], cancellationToken);
        return [.. published
            .Select(p => (Programme: p, Round: p.Rounds.FirstOrDefault(r => r.IsOpenAt(nowUtc))))
            .Where(x => x.Round is not null)
            .Select(x => new OpenProgramme(x.Programme, x.Round!))
            .OrderBy(x => x.Round.ClosesAt)];
    }

    /// <summary>How many of the plans' targets are met, on track and behind.</summary>
    public Task<TargetSummary> TargetsAsync(CancellationToken cancellationToken) =>
        cache.GetAsync("home:targets", [typeof(Target), typeof(ContentItem), typeof(SupportApplication)], async token =>
            TargetSummary.Of(await targets.AllAsync(token)), cancellationToken);
}
