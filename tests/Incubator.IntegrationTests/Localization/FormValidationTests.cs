using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Workflows;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Localization;

/// <summary>
/// The fixed forms' rules (DataAnnotations and the services' refusals, carried in ModelState) answer in the visitor's
/// language, with the numbers filled in, beside the refused field, which screen readers are told is invalid; and a
/// refused form changes nothing.
/// </summary>
public sealed class FormValidationTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly string[] Languages = ["vi", "en"];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_in_each_language_beside_the_name_how_long_it_may_be_and_register_nobody_when_the_name_is_too_long(DatabaseProvider provider)
    {
        var site = sites[provider];
        foreach (var language in Languages)
        {
            using var client = site.CreateBrowserClient();
            await UseLanguageAsync(client, language);
            var email = $"long-{Guid.NewGuid():N}@test.local";
            var form = await Forms.GetAsync(client, "/account/register");

            using var response = await Forms.SubmitAsync(client, form, "main form", [new("DisplayName", new string('A', 101)), new("Email", email), new("Password", "Correct-Horse-9")]);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            AssertRefusedBeside(page, "#name", Text(language, "At most {1} characters.", "", 100));
            Assert.Null(page.QuerySelector("#email[aria-invalid]"));
            Assert.Equal(email, page.QuerySelector("#email")?.GetAttribute("value"));
            Assert.Equal(0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_in_each_language_beside_the_address_that_it_is_not_one_and_create_nobody_when_an_administrator_mistypes_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        foreach (var language in Languages)
        {
            using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
            await UseLanguageAsync(admin, language);
            var wrong = $"no-at-sign-{Guid.NewGuid():N}";
            var form = await Forms.GetAsync(admin, "/admin/users");

            using var response = await Forms.SubmitAsync(admin, form, "form[action*='handler=Create']", [new("email", wrong), new("password", "Correct-Horse-9")]);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertRefusedBeside(await Forms.ParseAsync(response), "#n-email", Text(language, "Enter a valid e-mail address."));
            Assert.Equal(0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == wrong)));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_in_each_language_beside_the_field_what_is_wrong_and_add_no_holiday_when_the_date_or_name_is_bad(DatabaseProvider provider)
    {
        var site = sites[provider];
        var day = FarDays.NextMonday().AddDays(2);
        foreach (var language in Languages)
        {
            using var staff = await site.CreateBrowserUserAsync("Staff");
            await UseLanguageAsync(staff, language);

            var undated = await AddHolidayAsync(staff, "2026-02-30", "Ngày sai");
            AssertRefusedBeside(undated, "#h-date", Text(language, "Enter a valid date."));
            Assert.Null(undated.QuerySelector("#h-name[aria-invalid]"));
            Assert.Equal("2026-02-30", undated.QuerySelector("#h-date")?.GetAttribute("value"));

            var longName = await AddHolidayAsync(staff, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new string('N', 201));
            AssertRefusedBeside(longName, "#h-name", Text(language, "At most {1} characters.", "", 200));
            Assert.Null(longName.QuerySelector("#h-date[aria-invalid]"));
        }

        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day || h.Name == "Ngày sai")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_in_each_language_beside_the_amount_that_it_is_not_a_number_and_save_no_record(DatabaseProvider provider)
    {
        var site = sites[provider];
        foreach (var language in Languages)
        {
            using var staff = await site.CreateBrowserUserAsync("Staff");
            await UseLanguageAsync(staff, language);
            var marker = $"Sai số {Guid.NewGuid():N}";
            var form = await Forms.GetAsync(staff, "/admin/records/transactions/new");

            using var response = await Forms.FillAndSubmitAsync(staff, form, "form#record-form", new Dictionary<string, string[]>
            {
                ["technology"] = [marker], ["seller"] = ["Viện Dược liệu"], ["buyer"] = ["Công ty CP Dược Cao Bằng"],
                ["value"] = ["một tỷ"], ["date"] = ["15/06/2024"],
            });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            AssertRefusedBeside(page, "#r-value", Text(language, "Enter a whole number of đồng, e.g. 1500000."));
            Assert.Equal("một tỷ", page.QuerySelector("#r-value")?.GetAttribute("value"));
            Assert.False(await site.QueryAsync(db => db.TechnologyTransactions.AnyAsync(t => t.Technology == marker)));
        }
    }

    /// <summary>Picks the language as a visitor does, with the switch in the page's header (Vietnamese is the default).</summary>
    private static async Task UseLanguageAsync(HttpClient client, string language)
    {
        var home = await Forms.GetAsync(client, "/");
        using var switched = await Forms.SubmitAsync(client, home, "form[action='/culture']", [], "culture", language);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    /// <summary>What the site says for <paramref name="key"/> in <paramref name="language"/>, with the placeholders filled.</summary>
    private static string Text(string language, string key, params object[] arguments) =>
        language == "vi"
            ? arguments.Length == 0 ? Texts.Vi(key) : Texts.Vi(key, arguments)
            : string.Format(CultureInfo.GetCultureInfo("en-GB"), key, arguments);

    /// <summary>
    /// The field is marked invalid for screen readers and described by a message in its own block of the form, and the
    /// message says <paramref name="expected"/>.
    /// </summary>
    private static void AssertRefusedBeside(IDocument page, string fieldSelector, string expected)
    {
        var field = page.QuerySelector(fieldSelector) ?? throw new InvalidOperationException($"No field {fieldSelector} on the refused page.");
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var describedBy = (field.GetAttribute("aria-describedby") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var message = describedBy.Select(page.GetElementById).FirstOrDefault(e => e is not null && e.ClassList.Contains("field-error"))
            ?? throw new InvalidOperationException($"{fieldSelector} is described by no message.");
        Assert.Equal(expected, message.TextContent.Trim());
        Assert.Same(field.Closest(".field"), message.Closest(".field"));
    }

    private static async Task<IDocument> AddHolidayAsync(HttpClient staff, string date, string name)
    {
        var form = await Forms.GetAsync(staff, "/admin/workflows/calendar");
        using var response = await Forms.SubmitAsync(staff, form, "form#add-holiday", [new("date", date), new("name", name)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }
}
