using System.Globalization;
using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Workflows;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Admin.Workflows;

public sealed class CalendarPageTests(Sites sites) : IClassFixture<Sites>
{
    private const string Url = "/admin/workflows/calendar";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_a_day_staff_add_by_year_with_its_weekday_and_drop_it_when_they_remove_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var monday = FarDays.NextMonday();

        using (var added = await AddAsync(staff, Iso(monday), "Nghỉ thử"))
        {
            Assert.Equal(Url, Forms.Location(added));
        }

        var page = await Forms.GetAsync(staff, Url);
        Assert.Equal(Texts.Vi("Holiday {0} added.", Shown(monday)), page.QuerySelector("main .success")?.TextContent.Trim());
        var row = page.QuerySelector($"section[data-year='{monday.Year}'] tr[data-date='{Iso(monday)}']") ?? throw new InvalidOperationException("The new day is not listed under its year.");
        Assert.Equal([Shown(monday), "Thứ Hai", "Nghỉ thử"], row.QuerySelectorAll("td").Take(3).Select(c => c.TextContent.Trim()));
        Assert.Equal("Nghỉ thử", await site.QueryAsync(db => db.Holidays.Where(h => h.Date == monday).Select(h => h.Name).SingleAsync()));

        using (var removed = await RemoveAsync(staff, monday))
        {
            Assert.Equal(Url, Forms.Location(removed));
        }

        page = await Forms.GetAsync(staff, Url);
        Assert.Null(page.QuerySelector($"tr[data-date='{Iso(monday)}']"));
        Assert.Equal(Texts.Vi("Holiday {0} removed.", Shown(monday)), page.QuerySelector("main .success")?.TextContent.Trim());
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == monday)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_the_date_is_already_a_holiday_or_the_name_is_empty(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var taken = FarDays.NextMonday();
        var free = taken.AddDays(1);
        (await AddAsync(staff, Iso(taken), "Nghỉ thử")).Dispose();

        var duplicate = await RefusedAsync(staff, Iso(taken), "Tên khác");
        var unnamed = await RefusedAsync(staff, Iso(free), "   ");
        var undated = await RefusedAsync(staff, "2026-02-30", "Ngày sai");

        Assert.Equal(Texts.Vi("{0} is already a holiday: {1}.", Shown(taken), "Nghỉ thử"), duplicate["date"]);
        Assert.Equal(Texts.Vi("Enter the holiday's name."), unnamed["name"]);
        Assert.Equal(Texts.Vi("Enter a valid date."), undated["date"]);
        var stored = await site.QueryAsync(db => db.Holidays.Where(h => h.Date == taken || h.Date == free).ToListAsync());
        Assert.Equal((taken, "Nghỉ thử"), Assert.Single(stored.Select(h => (h.Date, h.Name))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_form_without_its_antiforgery_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var day = FarDays.NextMonday();
        _ = await Forms.GetAsync(staff, Url);

        using var content = new FormUrlEncodedContent([new("date", Iso(day)), new("name", "Nghỉ thử")]);
        using var response = await staff.PostAsync(new Uri($"{Url}?handler=Add", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
    }

    /// <summary>Submits the add form as staff fill it in.</summary>
    internal static async Task<HttpResponseMessage> AddAsync(HttpClient staff, string date, string name)
    {
        var page = await Forms.GetAsync(staff, Url);
        return await Forms.SubmitAsync(staff, page, "form#add-holiday", [new("date", date), new("name", name)]);
    }

    /// <summary>Presses the remove button on the day's row.</summary>
    internal static async Task<HttpResponseMessage> RemoveAsync(HttpClient staff, DateOnly day)
    {
        var page = await Forms.GetAsync(staff, Url);
        return await Forms.SubmitAsync(staff, page, $"tr[data-date='{Iso(day)}'] form", []);
    }

    /// <summary>Submits the add form and expects it back with errors; returns them by field.</summary>
    private static async Task<Dictionary<string, string>> RefusedAsync(HttpClient staff, string date, string name)
    {
        using var response = await AddAsync(staff, date, name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal(Texts.Vi("Please correct the fields marked below."), page.QuerySelector("main .notice")?.TextContent.Trim());
        Assert.Equal(date, page.QuerySelector("#h-date")?.GetAttribute("value"));
        return page.QuerySelectorAll("#add-holiday .field").Where(f => f.QuerySelector(".field-error") is not null)
            .ToDictionary(f => f.QuerySelector("input")!.GetAttribute("name")!, f => f.QuerySelector(".field-error")!.TextContent.Trim(), StringComparer.Ordinal);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shown(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
