using System.Globalization;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

public sealed class HolidaysStepTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_install_the_default_holidays_when_a_site_starts(DatabaseProvider provider)
    {
        var holidays = await sites[provider].QueryAsync(db => db.Holidays.Where(h => h.Date.Year == 2026 || h.Date.Year == 2027).ToListAsync());

        Assert.Equal(22, holidays.Count);
        Assert.Equal("Tết Nguyên đán", holidays.Single(h => h.Date == new DateOnly(2026, 2, 17)).Name);
        Assert.Contains("dự kiến", holidays.Single(h => h.Date == new DateOnly(2027, 2, 8)).Name, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_add_missing_days_rename_changed_ones_and_change_nothing_when_run_again(DatabaseProvider provider)
    {
        var site = sites[provider];
        var monday = FarDays.NextMonday();
        var tuesday = monday.AddDays(1);
        using var scope = site.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        // Decomposed, as some keyboards type it: stored in NFC, it must still count as the same name on the next run.
        var decomposed = "Ngày nghỉ thử".Normalize(NormalizationForm.FormD);

        var first = await runner.RunAsync(Recipe((monday, "Nghỉ thử"), (tuesday, decomposed)));
        var again = await runner.RunAsync(Recipe((monday, "Nghỉ thử"), (tuesday, decomposed)));
        var renamed = await runner.RunAsync(Recipe((monday, "Nghỉ thử (đổi tên)")));

        Assert.Equal((2, 0, 1), (first.Changed, again.Changed, renamed.Changed));
        var stored = await site.QueryAsync(db => db.Holidays.Where(h => h.Date == monday || h.Date == tuesday).OrderBy(h => h.Date).ToListAsync());
        Assert.Equal([(monday, "Nghỉ thử (đổi tên)"), (tuesday, "Ngày nghỉ thử")], stored.Select(h => (h.Date, h.Name)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_recipe_naming_the_field_and_change_nothing_when_a_date_is_not_a_date(DatabaseProvider provider)
    {
        var site = sites[provider];
        var good = FarDays.NextMonday();
        using var scope = site.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();

        foreach (var bad in new[] { "2026-02-30", "02/09/2026", "2026-9-2", "" })
        {
            var recipe = $$"""
                { "name": "holidays-bad", "steps": [ { "name": "Holidays", "days": [
                  { "date": "{{Iso(good)}}", "name": "Nghỉ thử" },
                  { "date": "{{bad}}", "name": "Ngày sai" } ] } ] }
                """;

            var error = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(recipe));

            Assert.Equal(("Holidays", "$.days[1].date"), (error.StepName, error.Field));
            Assert.Contains($"'{bad}' is not a date; write it as yyyy-MM-dd", error.Message, StringComparison.Ordinal);
        }

        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == good)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_day_without_a_name_or_listed_twice(DatabaseProvider provider)
    {
        var day = FarDays.NextMonday();
        using var scope = sites[provider].Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();

        var unnamed = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(Recipe((day, " "))));
        var twice = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(Recipe((day, "Một"), (day, "Hai"))));

        Assert.Equal(("$.days[0].name", "$.days[1].date"), (unnamed.Field, twice.Field));
        Assert.Contains("appears twice", twice.Message, StringComparison.Ordinal);
        Assert.False(await sites[provider].QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
    }

    internal static string Recipe(params (DateOnly Date, string Name)[] days) => $$"""
        { "name": "holidays-test", "steps": [ { "name": "Holidays", "days": [
          {{string.Join(",\n", days.Select(d => $$"""{ "date": "{{Iso(d.Date)}}", "name": "{{d.Name}}" }"""))}} ] } ] }
        """;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
