using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// A target as it stands: its current value, what it should be by now (<see cref="Expected"/> towards the low end,
/// <see cref="ExpectedMax"/> towards the high end of a range), its state, and the rows behind the value.
/// </summary>
internal sealed record TargetStatus(Target Target, decimal? Actual, decimal Expected, TargetState State, IReadOnlyList<IndicatorRow> Rows)
{
    /// <summary>What the high end of a range expects by now; equal to <see cref="Expected"/> for a single value.</summary>
    public decimal ExpectedMax { get; init; } = Expected;

    /// <summary>Met or on track: true; behind: false; not measurable yet: null (the API's and the export's old reading).</summary>
    public bool? OnTrack => State switch
    {
        TargetState.Unknown => null,
        TargetState.Behind => false,
        _ => true,
    };

    /// <summary>The state as the pages' classes and the API write it: met, on-track, behind or unknown.</summary>
    public string StateName => State switch
    {
        TargetState.Met => "met",
        TargetState.OnTrack => "on-track",
        TargetState.Behind => "behind",
        _ => "unknown",
    };

    /// <summary>How far from the baseline to the target's low end, in percent (0–100; more when exceeded).</summary>
    public decimal? Progress => Actual is not { } actual || Target.Min == Target.Baseline
        ? null
        : Math.Max(0, Math.Round((actual - Target.Baseline) / (Target.Min - Target.Baseline) * 100, 1));
}

/// <summary>
/// Computes targets from live data. A target is met when its value reaches the low end of its range (is above it,
/// for a plan's "trên X%"). Counts, distinct counts and sums are expected to grow evenly from the baseline at the
/// start of the start year to the target's range at the end of the deadline year, in whole numbers; they are on
/// track when they have reached the low end's line by now, and behind otherwise or once the deadline has passed. A
/// share or a growth rate is met or behind. A growth rate is measured up to the last full year, but never past the
/// deadline year: after the deadline the target keeps the figure it ended with.
/// </summary>
internal sealed class TargetProgress(IncubatorDbContext db, IEnumerable<IIndicatorSource> sources, TimeProvider clock, TaxonomyService taxonomies)
{
    private readonly Dictionary<string, IIndicatorSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<IndicatorRow>> _rows = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TargetStatus>> AllAsync(CancellationToken cancellationToken = default)
    {
        var targets = await db.Targets.AsNoTracking().OrderBy(t => t.Plan).ThenBy(t => t.Order).ThenBy(t => t.Key).ToListAsync(cancellationToken);
        var statuses = new List<TargetStatus>(targets.Count);
        foreach (var target in targets)
        {
            statuses.Add(await StatusAsync(target, cancellationToken));
        }

        return statuses;
    }

    public async Task<TargetStatus?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, cancellationToken) is { } target ? await StatusAsync(target, cancellationToken) : null;

    public async Task<TargetStatus> StatusAsync(Target target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var indicator = target.Indicator;
        var localities = await taxonomies.LocalitiesAsync(cancellationToken);
        var rows = (await RowsAsync(indicator.Source, cancellationToken)).Where(r => Matches(indicator.Filter, r, localities)).ToList();
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        decimal? actual;
        IReadOnlyList<IndicatorRow> behind = rows;
        switch (indicator.Measure)
        {
            case "count":
                actual = rows.Count;
                break;
            case "distinct":
                actual = rows.Select(r => Text(r, indicator.Field, localities)).Where(v => v is not null).Distinct(StringComparer.Ordinal).Count();
                break;
            case "sum":
                actual = rows.Sum(r => Number(r, indicator.Field) ?? 0);
                break;
            case "share":
                var part = rows.Where(r => Matches(indicator.Where, r, localities)).ToList();
                actual = rows.Count == 0 ? null : Math.Round(100m * part.Count / rows.Count, 1);
                behind = part;
                break;
            case "growth":
                actual = Growth(rows, indicator, Math.Min(today.Year - 1, target.DeadlineYear));
                break;
            default:
                throw new InvalidOperationException($"Target {target.Key} has an unknown measure '{indicator.Measure}'.");
        }

        var rate = indicator.Measure is "share" or "growth";
        var (expected, expectedMax) = rate
            ? (target.Min, target.Max)
            : (Whole(Expected(target, today)), Whole(Expected(target, today, target.Max)));
        return new TargetStatus(target, actual, expected, Judge(target, actual, expected, rate, today), behind) { ExpectedMax = expectedMax };
    }

    /// <summary>Met, on track or behind; see the class's summary.</summary>
    internal static TargetState Judge(Target target, decimal? actual, decimal expected, bool rate, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (actual is not { } value)
        {
            return TargetState.Unknown;
        }

        if (target.AboveMin ? value > target.Min : value >= target.Min)
        {
            return TargetState.Met;
        }

        return !rate && today.Year <= target.DeadlineYear && value >= expected ? TargetState.OnTrack : TargetState.Behind;
    }

    /// <summary>A count expected by now, as the whole number a reader can check against: 6.2 enterprises are 6.</summary>
    private static decimal Whole(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

    /// <summary>The straight line from the baseline (1 January of the start year) to the low end (31 December of the deadline year).</summary>
    public static decimal Expected(Target target, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Expected(target, today, target.Min);
    }

    /// <summary>The straight line from the baseline to <paramref name="end"/> (the low or the high end of the range).</summary>
    public static decimal Expected(Target target, DateOnly today, decimal end)
    {
        ArgumentNullException.ThrowIfNull(target);
        var first = new DateOnly(target.StartYear, 1, 1);
        var last = new DateOnly(target.DeadlineYear, 12, 31);
        if (last <= first)
        {
            return end;
        }

        var fraction = Math.Clamp((decimal)(today.DayNumber - first.DayNumber) / (last.DayNumber - first.DayNumber), 0m, 1m);
        return Math.Round(target.Baseline + ((end - target.Baseline) * fraction), 2);
    }

    private async Task<IReadOnlyList<IndicatorRow>> RowsAsync(string source, CancellationToken cancellationToken)
    {
        if (!_rows.TryGetValue(source, out var rows))
        {
            rows = _sources.TryGetValue(source, out var provider)
                ? await provider.RowsAsync(cancellationToken)
                : throw new InvalidOperationException($"No indicator source '{source}'.");
            _rows[source] = rows;
        }

        return rows;
    }

    /// <summary>Average yearly growth in percent from the base year to the last full year; null until two years have data.</summary>
    private static decimal? Growth(IReadOnlyList<IndicatorRow> rows, Indicator indicator, int lastYear)
    {
        var from = indicator.FromYear ?? lastYear - 1;
        if (lastYear <= from)
        {
            return null;
        }

        decimal Year(int year) => rows.Where(r => r.Date?.Year == year).Sum(r => indicator.Field is null ? 1 : Number(r, indicator.Field) ?? 0);
        var (first, last) = (Year(from), Year(lastYear));
        if (first <= 0 || last <= 0)
        {
            return null;
        }

        var rate = Math.Pow((double)(last / first), 1.0 / (lastYear - from)) - 1;
        return Math.Round((decimal)rate * 100, 1);
    }

    internal static bool Matches(IndicatorFilter? filter, IndicatorRow row, LocalityScope localities)
    {
        if (filter is null)
        {
            return true;
        }

        return In(filter.Programmes, row.Programme)
            && In(filter.SupportTypes, row.SupportType)
            && In(filter.OrganisationKinds, row.OrganisationKind)
            && In(filter.Statuses, row.Status)
            && In(filter.Kinds, row.Kind)
            && In(filter.Results, row.Result)
            && (filter.Localities is null || localities.ContainsAny(filter.Localities, row.Locality))
            && (filter.From is null || (row.Date is { } d1 && d1 >= filter.From))
            && (filter.To is null || (row.Date is { } d2 && d2 <= filter.To))
            && (filter.AppliedInProduction is null || row.AppliedInProduction == filter.AppliedInProduction)
            && (filter.KeyProducts is null || row.KeyProduct == filter.KeyProducts)
            && (filter.NetworkMember is null || row.NetworkMember == filter.NetworkMember);
    }

    private static bool In(IReadOnlyList<string>? allowed, string? value) => allowed is null || (value is not null && allowed.Contains(value, StringComparer.Ordinal));

    private static string? Text(IndicatorRow row, string? field, LocalityScope localities) => field switch
    {
        null or "id" => row.Id,
        "organisation" => row.Organisation,
        "locality" => row.Locality,
        "province" => localities.Province(row.Locality),
        "programme" => row.Programme,
        "kind" => row.Kind,
        _ => throw new InvalidOperationException($"An indicator cannot count distinct '{field}'."),
    };

    private static decimal? Number(IndicatorRow row, string? field) => field switch
    {
        null => 1,
        "value" => row.Value,
        _ when field.StartsWith("answers.", StringComparison.Ordinal) => Answers.Number(row.AnswersJson, field["answers.".Length..]),
        _ => throw new InvalidOperationException($"An indicator cannot sum '{field}'."),
    };
}
