using Incubator.Core.Text;
using Incubator.Web.Data;
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
/// The pipeline read for the board and the API. The stages are read with a light projection of every directory entry
/// and counted in memory: a few thousand rows of id, name, locality and sectors are read in milliseconds, and the
/// filters (a sector among several, a locality with its communes) then follow the same rules as everywhere else. The
/// page draws only the first cards of each column.
/// </summary>
internal sealed class PipelineBoard(IncubatorDbContext db, DirectoryEntries entries, TaxonomyService taxonomies, TimeProvider clock)
{
    public const int CardsPerColumn = 20;
    public const int MaxCardsPerColumn = 500;

    /// <summary>The kinds listed in the "not in the pipeline" column when no kind is chosen: those the incubator takes in.</summary>
    private static readonly string[] IncubatedKinds = [Directory.Startup.TypeName, Directory.Enterprise.TypeName];

    /// <summary>The count per stage under the filter, in the taxonomy's order (the API's answer and the board's headings).</summary>
    public async Task<IReadOnlyList<(TaxonomyTerm Stage, int Count)>> CountsAsync(PipelineFilter filter, CancellationToken cancellationToken)
    {
        var (stages, cards, _) = await LoadAsync(filter.Normalised(), cancellationToken);
        var counts = cards.GroupBy(c => c.Stage!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. stages.Select(s => (s, counts.GetValueOrDefault(s.Code)))];
    }

    /// <param name="open">The stage whose column shows all its cards (up to <see cref="MaxCardsPerColumn"/>), if any.</param>
    public async Task<PipelineBoardView> ReadAsync(PipelineFilter filter, string? open, CancellationToken cancellationToken)
    {
        filter = filter.Normalised();
        var english = TaxonomyService.English;
        var (stages, cards, waiting) = await LoadAsync(filter, cancellationToken);
        var key = Order();

        var columns = new List<PipelineColumn>();
        var codes = stages.Select(s => s.Code).ToList();

        // A stage whose term was since removed from the taxonomy keeps its organisations visible, under its code.
        codes.AddRange(cards.Select(c => c.Stage!).Where(s => !stages.Any(t => t.Code == s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        foreach (var code in codes)
        {
            var inStage = cards.Where(c => c.Stage == code).OrderBy(c => key(c.Entry.Name), StringComparer.Ordinal).ToList();
            var name = stages.FirstOrDefault(s => s.Code == code)?.Name(english) ?? code;
            columns.Add(new PipelineColumn(code, name, inStage.Count, [.. inStage.Take(code == open ? MaxCardsPerColumn : CardsPerColumn)]));
        }

        // Not in the pipeline yet: the organisations of the chosen kind (startups and enterprises when none is chosen).
        waiting = [.. waiting.Where(e => filter.Kind is not null || IncubatedKinds.Contains(e.Kind)).OrderBy(e => key(e.Name), StringComparer.Ordinal)];
        var unstaged = new PipelineColumn(null, string.Empty, waiting.Count,
            [.. waiting.Take(open == NoStage ? MaxCardsPerColumn : CardsPerColumn).Select(e => new PipelineCard(e, null, null, 0, null))]);

        return new PipelineBoardView(stages, columns, unstaged,
            await BySectorAsync(cards, codes, cancellationToken), await ByLocalityAsync(cards, codes, filter, cancellationToken), await DurationsAsync(cards, stages, english, cancellationToken));
    }

    /// <summary>The value of <c>open</c> that opens the column of organisations not in the pipeline.</summary>
    public const string NoStage = "none";

    /// <summary>The taxonomy's stages, the organisations with a stage that pass the filter, and those that have none.</summary>
    private async Task<(IReadOnlyList<TaxonomyTerm> Stages, List<PipelineCard> Cards, List<DirectoryEntry> Unstaged)> LoadAsync(PipelineFilter filter, CancellationToken cancellationToken)
    {
        var stages = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        var rows = await db.Set<OrganisationStage>().AsNoTracking().ToDictionaryAsync(s => s.OrganisationId, StringComparer.Ordinal, cancellationToken);
        var scope = await LocalityCodesAsync(filter, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = new List<PipelineCard>();
        var unstaged = new List<DirectoryEntry>();
        foreach (var entry in await entries.ListAsync(filter.Kind is { } kind ? [kind] : null, cancellationToken))
        {
            if (!Matches(entry, filter, scope))
            {
                continue;
            }

            if (rows.TryGetValue(entry.Id, out var row))
            {
                cards.Add(new PipelineCard(entry, row.Stage, row.SinceUtc, row.RowVersion, Math.Max(0, (int)(now - row.SinceUtc).TotalDays)));
            }
            else
            {
                unstaged.Add(entry);
            }
        }

        return (stages, cards, unstaged);
    }

    private async Task<HashSet<string>?> LocalityCodesAsync(PipelineFilter filter, CancellationToken cancellationToken) =>
        filter.Locality is { } locality ? (await taxonomies.LocalitiesAsync(cancellationToken)).Within(locality).ToHashSet(StringComparer.Ordinal) : null;

    private static bool Matches(DirectoryEntry entry, PipelineFilter filter, HashSet<string>? localities) =>
        (filter.Sector is not { } sector || entry.Sectors.Contains(sector, StringComparer.Ordinal))
        && (localities is null || (entry.Locality is { } l && localities.Contains(l)));

    /// <summary>A sort key that orders Vietnamese names the way a reader expects, "Đ" with "D", accents after the letter.</summary>
    private static Func<string, string> Order() => name => VietnameseText.Fold(name) + "\u0000" + name;

    /// <summary>Counts per stage by sector; an organisation of two sectors counts in both.</summary>
    private async Task<IReadOnlyList<BreakdownRow>> BySectorAsync(List<PipelineCard> cards, List<string> stages, CancellationToken cancellationToken)
    {
        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        var english = TaxonomyService.English;
        var rows = new List<BreakdownRow>();
        foreach (var group in cards.SelectMany(c => c.Entry.Sectors.Distinct(StringComparer.Ordinal).Select(s => (Sector: s, Card: c))).GroupBy(x => x.Sector, StringComparer.Ordinal))
        {
            var term = terms.FirstOrDefault(t => t.Code == group.Key);
            rows.Add(new BreakdownRow(group.Key, term?.Name(english) ?? group.Key, Count(group.Select(x => x.Card), stages)));
        }

        return [.. rows.OrderBy(r => terms.FirstOrDefault(t => t.Code == r.Code)?.Order ?? int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Counts per stage by province; under a locality filter, by the locality each organisation names, so a province's
    /// board shows its communes.
    /// </summary>
    private async Task<IReadOnlyList<BreakdownRow>> ByLocalityAsync(List<PipelineCard> cards, List<string> stages, PipelineFilter filter, CancellationToken cancellationToken)
    {
        var scope = await taxonomies.LocalitiesAsync(cancellationToken);
        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        var english = TaxonomyService.English;
        var rows = new List<BreakdownRow>();
        foreach (var group in cards.GroupBy(c => (filter.Locality is null ? scope.Province(c.Entry.Locality) : c.Entry.Locality) ?? string.Empty, StringComparer.Ordinal))
        {
            var name = group.Key.Length == 0 ? string.Empty : terms.FirstOrDefault(t => t.Code == group.Key)?.Name(english) ?? group.Key;
            rows.Add(new BreakdownRow(group.Key, name, Count(group, stages)));
        }

        return [.. rows.OrderBy(r => r.Code.Length == 0).ThenBy(r => terms.FirstOrDefault(t => t.Code == r.Code)?.Order ?? int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    private static Dictionary<string, int> Count(IEnumerable<PipelineCard> cards, List<string> stages)
    {
        var counts = stages.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var card in cards)
        {
            counts[card.Stage!] = counts.GetValueOrDefault(card.Stage!) + 1;
        }

        return counts;
    }

    /// <summary>
    /// The mean and median days spent in each stage over the stays a later move ended, for the organisations under the
    /// filter. A stay still going is left out: it would pull the figures down for a stage organisations just entered.
    /// </summary>
    private async Task<IReadOnlyList<StageDuration>> DurationsAsync(List<PipelineCard> cards, IReadOnlyList<TaxonomyTerm> stages, bool english, CancellationToken cancellationToken)
    {
        var shown = cards.Select(c => c.Entry.Id).ToHashSet(StringComparer.Ordinal);
        var moves = await db.Set<PipelineMove>().AsNoTracking()
            .OrderBy(m => m.OrganisationId).ThenBy(m => m.AtUtc).ThenBy(m => m.Id)
            .Select(m => new { m.OrganisationId, m.Stage, m.AtUtc })
            .ToListAsync(cancellationToken);
        var stays = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < moves.Count; i++)
        {
            var (move, next) = (moves[i], moves[i + 1]);
            if (move.OrganisationId == next.OrganisationId && shown.Contains(move.OrganisationId))
            {
                (stays.TryGetValue(move.Stage, out var list) ? list : stays[move.Stage] = []).Add((next.AtUtc - move.AtUtc).TotalDays);
            }
        }

        return [.. stages.Select(s => stays.TryGetValue(s.Code, out var days) && days.Count > 0
            ? new StageDuration(s.Code, s.Name(english), days.Count, days.Average(), Median(days))
            : new StageDuration(s.Code, s.Name(english), 0, null, null))];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
