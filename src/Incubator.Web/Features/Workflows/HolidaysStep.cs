using System.Globalization;
using System.Text.Json.Nodes;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// Recipe step "Holidays": <c>{ "days": [ { "date": "2026-01-01", "name": "Tết Dương lịch" } ] }</c>, the days off
/// besides Saturday and Sunday that working-day timers skip. Adds missing days and renames changed ones; a day the
/// site has but the recipe does not list is left alone, since staff may have added it on the calendar page.
/// </summary>
internal sealed class HolidaysStep(IncubatorDbContext db) : IRecipeStep, IRecipeExport
{
    public const string DateFormat = "yyyy-MM-dd";

    public string Name => "Holidays";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 30;

    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var days = await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(cancellationToken);
        return days.Count == 0 ? null : new JsonObject
        {
            ["days"] = new JsonArray([.. days.Select(d => new JsonObject { ["date"] = d.Date.ToString(DateFormat, CultureInfo.InvariantCulture), ["name"] = d.Name })]),
        };
    }

    public sealed record Data(List<DayData> Days);

    // The date is read as text so that a bad one is refused with our message, not the serializer's.
    public sealed record DayData(string Date, string Name);

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var days = Read(step);
        var dates = days.Select(d => d.Date).ToList();
        var stored = await db.Holidays.Where(h => dates.Contains(h.Date)).ToDictionaryAsync(h => h.Date, cancellationToken);
        var changed = 0;
        foreach (var day in days)
        {
            if (!stored.TryGetValue(day.Date, out var row))
            {
                db.Holidays.Add(day);
                changed++;
            }
            else if (row.Name != day.Name)
            {
                row.Name = day.Name;
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static List<Holiday> Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        if (data.Days is null)
        {
            throw step.Fail("$.days", "is required (an array of { \"date\", \"name\" })");
        }

        var result = new List<Holiday>();
        for (var i = 0; i < data.Days.Count; i++)
        {
            var day = data.Days[i] ?? throw step.Fail($"$.days[{i}]", "must be an object with \"date\" and \"name\"");
            if (!VietnamTime.TryParseIsoDate(day.Date, out var date))
            {
                throw step.Fail($"$.days[{i}].date", "'{0}' is not a date; write it as {1}, e.g. 2026-09-02", day.Date, DateFormat);
            }

            // Stored text is NFC (the DbContext normalises it), so compare in NFC too or a second run would rename again.
            var name = VietnameseText.ToNfc(day.Name?.Trim() ?? string.Empty);
            if (name.Length == 0)
            {
                throw step.Fail($"$.days[{i}].name", "is required");
            }

            if (name.Length > Holiday.NameMaxLength)
            {
                throw step.Fail($"$.days[{i}].name", "is longer than {0} characters", Holiday.NameMaxLength);
            }

            if (result.Exists(h => h.Date == date))
            {
                throw step.Fail($"$.days[{i}].date", "{0} appears twice", day.Date);
            }

            result.Add(new Holiday { Date = date, Name = name });
        }

        return result;
    }
}
