using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Targets;

/// <summary>A target in the JSON shape recipes and the API share.</summary>
internal sealed record TargetDefinition(
    string? Key,
    LocalizedText? Title,
    string? Plan,
    decimal? Baseline,
    TargetRange? Target,
    LocalizedText? Unit,
    int? StartYear,
    int? Deadline,
    Indicator? Indicator);

/// <summary>
/// A single value has Min = Max. <see cref="Above"/> true says the plan asks for more than <see cref="Min"/> ("trên 5%"),
/// so reaching it is not enough.
/// </summary>
internal sealed record TargetRange(decimal? Min, decimal? Max, bool? Above = null);

/// <summary>
/// Recipe step "Targets": <c>{ "targets": [ { "key", "title": { "vi", "en" }, "plan", "baseline", "target": { "min",
/// "max" }, "unit": { "vi", "en" }, "startYear", "deadline", "indicator": { "measure", "source", "field", "filter",
/// "where", "fromYear" } } ] }</c>. Keyed by "key": a re-run updates a changed target and leaves an unchanged one alone;
/// the order of the list is the order the targets are shown in.
/// </summary>
internal sealed partial class TargetsStep(IncubatorDbContext db, TimeProvider clock, IEnumerable<IIndicatorSource> indicatorSources) : IRecipeStep, IRecipeExport
{
    // The sources an indicator may name are those the features registered, so a feature adds one without editing a list here.
    private readonly IReadOnlyList<string> _sources = indicatorSources.Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static readonly string[] TextFields = ["id", "organisation", "locality", "province", "programme", "kind"];

    public string Name => "Targets";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    // After the programmes an indicator may filter on.
    public int ExportOrder => 60;

    /// <summary>Every target in the order it is shown, in the step's own shape.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var targets = await db.Targets.AsNoTracking().ToListAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var t in targets.OrderBy(t => t.Order).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            var definition = new TargetDefinition(t.Key, new LocalizedText(t.TitleVi, t.TitleEn), t.Plan, Plain(t.Baseline), new TargetRange(Plain(t.Min), Plain(t.Max), t.AboveMin ? true : null),
                new LocalizedText(t.UnitVi, t.UnitEn), t.StartYear, t.DeadlineYear, t.Indicator);
            list.Add(JsonSerializer.SerializeToNode(definition, TargetJson.Options));
        }

        return new JsonObject { ["targets"] = list };
    }

    // A database gives 15 back as 15.0000; the file says 15.
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    public sealed record Data(List<TargetDefinition> Targets);

    public void Validate(RecipeStep step) => _ = Read(step, _sources);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var targets = Read(step, _sources);
        var keys = targets.Select(t => t.Key).ToList();
        var stored = await db.Targets.Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        var changed = 0;
        foreach (var target in targets)
        {
            if (!stored.TryGetValue(target.Key, out var row))
            {
                target.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
                db.Targets.Add(target);
                changed++;
            }
            else if (!Same(row, target))
            {
                (row.TitleVi, row.TitleEn, row.Plan, row.Baseline, row.Min, row.Max, row.AboveMin) = (target.TitleVi, target.TitleEn, target.Plan, target.Baseline, target.Min, target.Max, target.AboveMin);
                (row.UnitVi, row.UnitEn, row.StartYear, row.DeadlineYear, row.IndicatorJson, row.Order) = (target.UnitVi, target.UnitEn, target.StartYear, target.DeadlineYear, target.IndicatorJson, target.Order);
                row.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static bool Same(Target a, Target b) =>
        (a.TitleVi, a.TitleEn, a.Plan, a.Baseline, a.Min, a.Max, a.UnitVi, a.UnitEn, a.StartYear, a.DeadlineYear, a.IndicatorJson, a.Order, a.AboveMin)
        == (b.TitleVi, b.TitleEn, b.Plan, b.Baseline, b.Min, b.Max, b.UnitVi, b.UnitEn, b.StartYear, b.DeadlineYear, b.IndicatorJson, b.Order, b.AboveMin);

    internal static List<Target> Read(RecipeStep step, IReadOnlyCollection<string> sources)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        if (data.Targets is null)
        {
            throw step.Fail("$.targets", "is required (an array of targets)");
        }

        var result = new List<Target>();
        for (var i = 0; i < data.Targets.Count; i++)
        {
            var path = $"$.targets[{i}]";
            var target = Convert(data.Targets[i], path, sources, (field, message) => step.Fail(field, message));
            if (result.Any(t => t.Key == target.Key))
            {
                throw step.Fail($"{path}.key", "'{0}' is listed twice", target.Key);
            }

            target.Order = i;
            result.Add(target);
        }

        return result;
    }

    /// <summary>Checks a definition and turns it into a target; <paramref name="fail"/> makes the exception naming the field.</summary>
    internal static Target Convert(TargetDefinition? d, string path, IReadOnlyCollection<string> sources, Func<string, string, Exception> fail)
    {
        if (d is null)
        {
            throw fail(path, "must be an object");
        }

        var key = d.Key?.Trim() ?? string.Empty;
        if (!KeyPattern().IsMatch(key))
        {
            throw fail($"{path}.key", "is required: lower-case letters, digits and dashes, at most 64");
        }

        var title = Nfc(d.Title?.Vi);
        if (title.Length is 0 or > 500)
        {
            throw fail($"{path}.title.vi", "is required (at most 500 characters)");
        }

        var plan = Nfc(d.Plan);
        if (plan.Length is 0 or > 300)
        {
            throw fail($"{path}.plan", "is required: the plan's number and date as it gives them (at most 300 characters)");
        }

        if (d.Target?.Min is not { } min)
        {
            throw fail($"{path}.target.min", "is required (a single value has min = max)");
        }

        var max = d.Target.Max ?? min;
        if (max < min)
        {
            throw fail($"{path}.target.max", $"must not be less than min ({min})");
        }

        var unit = Nfc(d.Unit?.Vi);
        if (unit.Length is 0 or > 64)
        {
            throw fail($"{path}.unit.vi", "is required (at most 64 characters)");
        }

        if (d.Deadline is not (>= 2000 and <= 2100) || d.StartYear is not (>= 2000 and <= 2100))
        {
            throw fail(d.Deadline is (>= 2000 and <= 2100) ? $"{path}.startYear" : $"{path}.deadline", "must be a year between 2000 and 2100");
        }

        if (d.StartYear > d.Deadline)
        {
            throw fail($"{path}.startYear", $"must not be after the deadline ({d.Deadline})");
        }

        CheckIndicator(d.Indicator, $"{path}.indicator", sources, fail);
        return new Target
        {
            Key = key,
            TitleVi = title,
            TitleEn = NullIfEmpty(Nfc(d.Title?.En)),
            Plan = plan,
            Baseline = d.Baseline ?? 0,
            Min = min,
            Max = max,
            AboveMin = d.Target.Above == true,
            UnitVi = unit,
            UnitEn = NullIfEmpty(Nfc(d.Unit?.En)),
            StartYear = d.StartYear.Value,
            DeadlineYear = d.Deadline.Value,
            IndicatorJson = JsonSerializer.Serialize(d.Indicator, TargetJson.Options),
        };
    }

    private static void CheckIndicator(Indicator? indicator, string path, IReadOnlyCollection<string> sources, Func<string, string, Exception> fail)
    {
        if (indicator is null)
        {
            throw fail(path, "is required: how the value is computed");
        }

        if (!Indicator.Measures.Contains(indicator.Measure))
        {
            throw fail($"{path}.measure", $"must be one of {string.Join(", ", Indicator.Measures)}");
        }

        if (!sources.Contains(indicator.Source))
        {
            throw fail($"{path}.source", $"must be one of {string.Join(", ", sources)}");
        }

        var numeric = indicator.Field is "value" || indicator.Field?.StartsWith("answers.", StringComparison.Ordinal) == true;
        switch (indicator.Measure)
        {
            case "distinct" when indicator.Field is null || !TextFields.Contains(indicator.Field):
                throw fail($"{path}.field", $"must name what to count once: one of {string.Join(", ", TextFields)}");
            case "sum" when !numeric:
                throw fail($"{path}.field", "must name the number to add up: value, or answers.<form field key>");
            case "growth" when indicator.Field is not null && !numeric:
                throw fail($"{path}.field", "must be value or answers.<form field key>, or left out to count rows");
            case "growth" when indicator.FromYear is not (>= 2000 and <= 2100):
                throw fail($"{path}.fromYear", "is required for a growth rate: the year it is measured from");
            case "share" when indicator.Where is null:
                throw fail($"{path}.where", "is required for a share: which of the rows make up the part");
        }

        if (indicator.Measure is "count" or "share" && indicator.Field is not null)
        {
            throw fail($"{path}.field", $"is not used by a {indicator.Measure}; leave it out");
        }

        CheckFilter(indicator.Filter, $"{path}.filter", fail);
        CheckFilter(indicator.Where, $"{path}.where", fail);
    }

    private static void CheckFilter(IndicatorFilter? filter, string path, Func<string, string, Exception> fail)
    {
        if (filter is { From: { } from, To: { } to } && to < from)
        {
            throw fail($"{path}.to", $"must not be before from ({from:yyyy-MM-dd})");
        }
    }

    private static string Nfc(string? text) => VietnameseText.ToNfc(text?.Trim() ?? string.Empty);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();
}
