using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pipeline;

/// <summary>What the board and the counts take: a sector, a locality (a province takes its communes), a kind; blank for all.</summary>
internal sealed record PipelineFilter(string? Sector = null, string? Locality = null, string? Kind = null)
{
    public PipelineFilter Normalised() => new(Blank(Sector), Blank(Locality), Blank(Kind));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One organisation on the board: where it stands, since when, and its stage's version (0 when it has none).</summary>
internal sealed record PipelineCard(DirectoryEntry Entry, string? Stage, DateTime? SinceUtc, int Version, int? Days);

/// <summary>A column: a stage (null for the organisations not in the pipeline yet), its name, how many, and the first cards.</summary>
internal sealed record PipelineColumn(string? Stage, string Name, int Count, IReadOnlyList<PipelineCard> Cards);

/// <summary>How long organisations stayed in a stage, over the stays a later move ended.</summary>
internal sealed record StageDuration(string Stage, string Name, int Stays, double? MeanDays, double? MedianDays);

/// <summary>A row of a breakdown: a sector or locality and its count per stage.</summary>
internal sealed record BreakdownRow(string Code, string Name, IReadOnlyDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

internal sealed record PipelineBoardView(
    IReadOnlyList<TaxonomyTerm> Stages, IReadOnlyList<PipelineColumn> Columns, PipelineColumn Unstaged,
    IReadOnlyList<BreakdownRow> BySector, IReadOnlyList<BreakdownRow> ByLocality, IReadOnlyList<StageDuration> Durations);

/// <summary>
/// The pipeline read for the board and the API, counted and paged in the database: the count per stage, per sector and
/// per locality are GROUP BY queries over each kind's latest entries joined to their stages (a handful of rows back),
/// and each column reads only its first cards, by folded name (<see cref="DbText.Fold"/>). The filters (a sector among
/// several, a locality with its communes, a kind) are conditions of those queries. The time spent in each stage reads
/// one row per ended stay (its stage and two times; the next move is found in the database), not the directory.
/// </summary>
internal sealed class PipelineBoard(IncubatorDbContext db, DirectoryEntries entries, TaxonomyService taxonomies, TimeProvider clock)
{
    public const int CardsPerColumn = 50;
    public const int MaxCardsPerColumn = 500;

    /// <summary>The kinds listed in the "not in the pipeline" column when no kind is chosen: those the incubator takes in.</summary>
    private static readonly string[] IncubatedKinds = [Directory.Startup.TypeName, Directory.Enterprise.TypeName];

    /// <summary>The value of <c>open</c> that opens the column of organisations not in the pipeline.</summary>
    public const string NoStage = "none";

    /// <summary>The count per stage under the filter, in the taxonomy's order (the API's answer and the board's headings).</summary>
    public async Task<IReadOnlyList<(TaxonomyTerm Stage, int Count)>> CountsAsync(PipelineFilter filter, CancellationToken cancellationToken)
    {
        var stages = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        var counts = await StageCountsAsync(await SourcesAsync(filter.Normalised(), cancellationToken), cancellationToken);
        return [.. stages.Select(s => (s, counts.Where(c => c.Stage == s.Code).Sum(c => c.Count)))];
    }

    /// <param name="open">The stage whose column shows more of its cards (up to <see cref="MaxCardsPerColumn"/>), if any.</param>
    public async Task<PipelineBoardView> ReadAsync(PipelineFilter filter, string? open, CancellationToken cancellationToken)
    {
        filter = filter.Normalised();
        var english = TaxonomyService.English;
        var stages = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        var sources = await SourcesAsync(filter, cancellationToken);
        var counts = await StageCountsAsync(sources, cancellationToken);

        // A stage whose term was since removed from the taxonomy keeps its organisations visible, under its code.
        var codes = stages.Select(s => s.Code).ToList();
        codes.AddRange(counts.Select(c => c.Stage).Where(s => !codes.Contains(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var columns = new List<PipelineColumn>();
        foreach (var code in codes)
        {
            var inStage = counts.Where(c => c.Stage == code).ToList();
            var take = code == open ? MaxCardsPerColumn : CardsPerColumn;
            var cards = new List<(string Folded, PipelineCard Card)>();
            foreach (var source in sources.Where(s => inStage.Exists(c => c.Kind == s.Kind)))
            {
                cards.AddRange(await StagedCardsAsync(source, code, take, cancellationToken));
            }

            var name = stages.FirstOrDefault(s => s.Code == code)?.Name(english) ?? code;
            columns.Add(new PipelineColumn(code, name, inStage.Sum(c => c.Count), Ordered(cards, take)));
        }

        // Not in the pipeline yet: the organisations of the chosen kind (startups and enterprises when none is chosen).
        var waitingTake = open == NoStage ? MaxCardsPerColumn : CardsPerColumn;
        var waiting = new List<(string Folded, PipelineCard Card)>();
        var waitingCount = 0;
        foreach (var source in sources.Where(s => filter.Kind is not null || IncubatedKinds.Contains(s.Kind)))
        {
            var rows = Unstaged(source.Rows);
            waitingCount += await rows.CountAsync(cancellationToken);
            waiting.AddRange((await rows.Select(x => new { x.ContentItemId, x.Title, x.Locality, Folded = DbText.Fold(x.Title) })
                    .OrderBy(x => x.Folded).ThenBy(x => x.Title).ThenBy(x => x.ContentItemId).Take(waitingTake).ToListAsync(cancellationToken))
                .Select(x => (x.Folded, new PipelineCard(new DirectoryEntry(x.ContentItemId, source.Kind, x.Title, x.Locality, []), null, null, 0, null))));
        }

        var unstaged = new PipelineColumn(null, string.Empty, waitingCount, Ordered(waiting, waitingTake));
        return new PipelineBoardView(stages, columns, unstaged,
            await BySectorAsync(sources, codes, cancellationToken), await ByLocalityAsync(sources, codes, filter, cancellationToken),
            await DurationsAsync(sources, stages, english, cancellationToken));
    }

    /// <summary>A kind's latest entries under the filter.</summary>
    private sealed record Source(string Kind, IQueryable<DirectoryProfile> Rows);

    private async Task<List<Source>> SourcesAsync(PipelineFilter filter, CancellationToken cancellationToken)
    {
        var localities = filter.Locality is { } locality ? (await taxonomies.LocalitiesAsync(cancellationToken)).Within(locality) : null;
        var sources = new List<Source>();
        foreach (var (kind, rows) in entries.Sources(filter.Kind))
        {
            var query = rows;
            if (filter.Sector is { } sector)
            {
                query = query.Where(x => x.Sectors.Contains(sector));
            }

            if (localities is not null)
            {
                query = query.WhereLocalityIn(x => x.Locality, localities);
            }

            sources.Add(new Source(kind, query));
        }

        return sources;
    }

    private IQueryable<OrganisationStage> StageRows => db.Set<OrganisationStage>().AsNoTracking();

    private IQueryable<DirectoryProfile> Unstaged(IQueryable<DirectoryProfile> rows) => rows.Where(x => !StageRows.Any(s => s.OrganisationId == x.ContentItemId));

    /// <summary>How many of each kind are in each stage: one GROUP BY per kind.</summary>
    private async Task<List<(string Kind, string Stage, int Count)>> StageCountsAsync(List<Source> sources, CancellationToken cancellationToken)
    {
        var counts = new List<(string, string, int)>();
        foreach (var source in sources)
        {
            var rows = await source.Rows.Join(StageRows, x => x.ContentItemId, s => s.OrganisationId, (x, s) => s.Stage)
                .GroupBy(stage => stage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            counts.AddRange(rows.Select(r => (source.Kind, r.Stage, r.Count)));
        }

        return counts;
    }

    private async Task<IEnumerable<(string Folded, PipelineCard Card)>> StagedCardsAsync(Source source, string stage, int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await source.Rows.Join(StageRows.Where(s => s.Stage == stage), x => x.ContentItemId, s => s.OrganisationId,
                (x, s) => new { x.ContentItemId, x.Title, x.Locality, Folded = DbText.Fold(x.Title), s.SinceUtc, s.RowVersion })
            .OrderBy(x => x.Folded).ThenBy(x => x.Title).ThenBy(x => x.ContentItemId).Take(take).ToListAsync(cancellationToken);
        return rows.Select(x => (x.Folded, new PipelineCard(
            new DirectoryEntry(x.ContentItemId, source.Kind, x.Title, x.Locality, []), stage, x.SinceUtc, x.RowVersion, Math.Max(0, (int)(now - x.SinceUtc).TotalDays))));
    }

    /// <summary>The first cards of a column drawn from several kinds, by folded name ("Đ" with "D", accents after the letter).</summary>
    private static List<PipelineCard> Ordered(List<(string Folded, PipelineCard Card)> cards, int take) =>
        [.. cards.OrderBy(c => c.Folded, StringComparer.Ordinal).ThenBy(c => c.Card.Entry.Name, StringComparer.Ordinal).ThenBy(c => c.Card.Entry.Id, StringComparer.Ordinal)
            .Take(take).Select(c => c.Card)];

    /// <summary>Counts per stage by sector; an organisation of two sectors counts in both.</summary>
    private async Task<IReadOnlyList<BreakdownRow>> BySectorAsync(List<Source> sources, List<string> stages, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            // Grouped by the whole list of sectors (organisations share a few combinations), then spread over its sectors here.
            var rows = await source.Rows.Join(StageRows, x => x.ContentItemId, s => s.OrganisationId, (x, s) => new { x.Sectors, s.Stage })
                .GroupBy(r => new { r.Sectors, r.Stage }).Select(g => new { g.Key.Sectors, g.Key.Stage, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                foreach (var sector in row.Sectors.Distinct(StringComparer.Ordinal))
                {
                    Add(counts, sector, row.Stage, row.Count, stages);
                }
            }
        }

        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        var english = TaxonomyService.English;
        return [.. counts.Select(c => new BreakdownRow(c.Key, terms.FirstOrDefault(t => t.Code == c.Key)?.Name(english) ?? c.Key, c.Value))
            .OrderBy(r => terms.FirstOrDefault(t => t.Code == r.Code)?.Order ?? int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Counts per stage by province; under a locality filter, by the locality each organisation names, so a province's
    /// board shows its communes. Counted by locality in the database, then summed by province here.
    /// </summary>
    private async Task<IReadOnlyList<BreakdownRow>> ByLocalityAsync(List<Source> sources, List<string> stages, PipelineFilter filter, CancellationToken cancellationToken)
    {
        var scope = await taxonomies.LocalitiesAsync(cancellationToken);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var rows = await source.Rows.Join(StageRows, x => x.ContentItemId, s => s.OrganisationId, (x, s) => new { x.Locality, s.Stage })
                .GroupBy(r => new { r.Locality, r.Stage }).Select(g => new { g.Key.Locality, g.Key.Stage, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                Add(counts, (filter.Locality is null ? scope.Province(row.Locality) : row.Locality) ?? string.Empty, row.Stage, row.Count, stages);
            }
        }

        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        var english = TaxonomyService.English;
        return [.. counts.Select(c => new BreakdownRow(c.Key, c.Key.Length == 0 ? string.Empty : terms.FirstOrDefault(t => t.Code == c.Key)?.Name(english) ?? c.Key, c.Value))
            .OrderBy(r => r.Code.Length == 0).ThenBy(r => terms.FirstOrDefault(t => t.Code == r.Code)?.Order ?? int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    private static void Add(Dictionary<string, Dictionary<string, int>> counts, string key, string stage, int count, List<string> stages)
    {
        if (!counts.TryGetValue(key, out var row))
        {
            counts[key] = row = stages.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        }

        row[stage] = row.GetValueOrDefault(stage) + count;
    }

    /// <summary>
    /// The mean and median days spent in each stage over the stays a later move ended, for the organisations under the
    /// filter. A stay still going is left out: it would pull the figures down for a stage organisations just entered.
    /// Each stay's end (the organisation's next move) and length are found in the database, which also averages and counts
    /// them by stage; for the median only the lengths come back, one number a stay.
    /// </summary>
    private async Task<IReadOnlyList<StageDuration>> DurationsAsync(List<Source> sources, IReadOnlyList<TaxonomyTerm> stages, bool english, CancellationToken cancellationToken)
    {
        var moves = db.Set<PipelineMove>().AsNoTracking();
        var totals = new Dictionary<string, (int Stays, double Seconds)>(StringComparer.Ordinal);
        var lengths = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var ids = source.Rows.Select(x => x.ContentItemId);
            var stays = moves.Where(m => ids.Contains(m.OrganisationId))
                .Select(m => new
                {
                    m.Stage,
                    Seconds = DbText.EpochSeconds(moves.Where(n => n.OrganisationId == m.OrganisationId && (n.AtUtc > m.AtUtc || (n.AtUtc == m.AtUtc && n.Id > m.Id)))
                        .OrderBy(n => n.AtUtc).ThenBy(n => n.Id).Select(n => (DateTime?)n.AtUtc).FirstOrDefault()) - DbText.EpochSeconds(m.AtUtc),
                })
                .Where(m => m.Seconds != null);
            foreach (var row in await stays.GroupBy(m => m.Stage).Select(g => new { Stage = g.Key, Stays = g.Count(), Mean = g.Average(m => m.Seconds) }).ToListAsync(cancellationToken))
            {
                var (count, seconds) = totals.GetValueOrDefault(row.Stage);
                totals[row.Stage] = (count + row.Stays, seconds + (row.Mean ?? 0) * row.Stays);
            }

            foreach (var row in await stays.Select(m => new { m.Stage, m.Seconds }).ToListAsync(cancellationToken))
            {
                (lengths.TryGetValue(row.Stage, out var list) ? list : lengths[row.Stage] = []).Add(row.Seconds!.Value / 86400);
            }
        }

        return [.. stages.Select(s => totals.TryGetValue(s.Code, out var total) && total.Stays > 0
            ? new StageDuration(s.Code, s.Name(english), total.Stays, total.Seconds / total.Stays / 86400, Median(lengths[s.Code]))
            : new StageDuration(s.Code, s.Name(english), 0, null, null))];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
