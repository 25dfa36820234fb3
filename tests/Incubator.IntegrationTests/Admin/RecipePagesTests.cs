using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Admin;

/// <summary>/admin/recipes as staff use it: list, check, run in the background, upload, and who may open it.</summary>
public sealed class RecipePagesTests(Sites sites) : IClassFixture<Sites>
{
    private const string Url = "/admin/recipes";

    private static string HolidayRecipe(string name, DateOnly day, string holiday) => $$"""
        { "name": "{{name}}", "description": "Một ngày nghỉ thử",
          "steps": [ { "name": "Holidays", "days": [ { "date": "{{day:yyyy-MM-dd}}", "name": "{{holiday}}" } ] } ] }
        """;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_anonymous_visitors_leaders_and_applicants_when_they_open_the_recipes_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var anonymous = site.CreateBrowserClient();
        using var leader = await site.CreateBrowserUserAsync("Leader");
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        using var staff = await site.CreateBrowserUserAsync("Staff");

        using var anonymousPage = await anonymous.GetAsync(new Uri(Url, UriKind.Relative));
        using var anonymousExport = await anonymous.GetAsync(new Uri(Url + "/export", UriKind.Relative));
        using var leaderPage = await leader.GetAsync(new Uri(Url, UriKind.Relative));
        using var applicantPage = await applicant.GetAsync(new Uri(Url, UriKind.Relative));
        var staffPage = await Forms.GetAsync(staff, Url);

        Assert.StartsWith("/account/login", Forms.Location(anonymousPage), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Forms.Location(anonymousExport), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", Forms.Location(leaderPage), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", Forms.Location(applicantPage), StringComparison.Ordinal);
        var row = staffPage.QuerySelector("tr[data-file='default.recipe.json']");
        Assert.NotNull(row);
        Assert.Contains("default", row.TextContent, StringComparison.Ordinal);
        var steps = Incubator.Recipes.RecipeReader.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recipes", "default.recipe.json"))).Steps;
        Assert.Equal($"{steps.Count}: {string.Join(", ", steps.Select(s => s.Name))}", row.QuerySelector("td.steps")?.TextContent);
        Assert.NotNull(staffPage.QuerySelector("a[href='/admin/recipes']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_refusal_naming_step_and_field_and_change_nothing_when_a_broken_recipe_is_checked_or_run(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var day = new DateOnly(2033, 3, 14);
        var broken = HolidayRecipe("broken-upload", day, "Nghỉ hỏng").Replace("\"steps\": [", "\"steps\": [ { \"name\": \"Holidays\", \"days\": [ { \"date\": \"2033-02-30\", \"name\": \"Sai\" } ] },", StringComparison.Ordinal);

        var checkedPage = await UploadAsync(staff, broken, "check");
        var runPage = await UploadAsync(staff, broken, "run");
        var valid = await UploadAsync(staff, HolidayRecipe("valid-check", day, "Chỉ kiểm tra"), "check");

        foreach (var page in new[] { checkedPage, runPage })
        {
            var refusal = page.QuerySelector("#recipe-refusal")?.TextContent ?? string.Empty;
            // The frame in Vietnamese, the recipe's own step name and path as written.
            Assert.Contains(Texts.Vi("Step {0} ({1}), field {2}: {3}", 1, "Holidays", "$.days[0].date", string.Empty), refusal, StringComparison.Ordinal);
        }

        Assert.Contains(Texts.Vi("Recipe \"{0}\" is valid: {1} steps. Nothing was changed.", "valid-check", 1), valid.QuerySelector("#recipe-checked")?.TextContent, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
        Assert.False(await site.QueryAsync(db => db.SiteSettings.AnyAsync(s => s.Key == RecipeRunner.RanKeyPrefix + "valid-check" || s.Key == RecipeRunner.RanKeyPrefix + "broken-upload")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_the_recipe_in_the_background_and_show_it_done_when_staff_run_one_from_the_folder(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await Forms.GetAsync(staff, Url);
        var checkedPage = await Forms.ParseAsync(await Forms.SubmitAsync(staff, page, "tr[data-file='default.recipe.json'] form[action*='Check']", []));

        using var started = await Forms.SubmitAsync(staff, page, "tr[data-file='default.recipe.json'] form[action*='Run']", []);
        Assert.Equal(Url, Forms.Location(started));
        var done = await WaitAsync(staff);

        Assert.Contains("default", checkedPage.QuerySelector("#recipe-checked")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Done", done.QuerySelector("#recipe-job")?.GetAttribute("data-status"));
        Assert.Equal("default", done.QuerySelector("#recipe-job-name")?.TextContent);
        Assert.Equal(Texts.Vi("{0} records changed", 0), done.QuerySelector("#recipe-job-changed")?.TextContent);
        Assert.NotEqual(Texts.Vi("Never"), done.QuerySelector("tr[data-file='default.recipe.json'] .last-run")?.TextContent);
        Assert.Null(done.QuerySelector("meta[http-equiv='refresh']"));
        var ran = await site.QueryAsync(db => db.SiteSettings.SingleAsync(s => s.Key == RecipeRunner.RanKeyPrefix + "default"));
        Assert.True(DateTime.UtcNow - DateTime.Parse(ran.Value, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() < TimeSpan.FromMinutes(5));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_apply_an_uploaded_recipe_and_show_it_done_when_staff_upload_and_run_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var day = new DateOnly(2033, 4, 18);
        var name = "upload-" + Guid.NewGuid().ToString("N")[..8];

        using var started = await PostUploadAsync(staff, HolidayRecipe(name, day, "Nghỉ tải lên"), "run");
        Assert.Equal(Url, Forms.Location(started));
        var done = await WaitAsync(staff);

        Assert.Equal("Done", done.QuerySelector("#recipe-job")?.GetAttribute("data-status"));
        Assert.Equal(name, done.QuerySelector("#recipe-job-name")?.TextContent);
        Assert.Equal(Texts.Vi("{0} records changed", 1), done.QuerySelector("#recipe-job-changed")?.TextContent);
        Assert.Equal("Nghỉ tải lên", await site.QueryAsync(db => db.Holidays.Where(h => h.Date == day).Select(h => h.Name).SingleAsync()));
        Assert.True(await site.QueryAsync(db => db.SiteSettings.AnyAsync(s => s.Key == RecipeRunner.RanKeyPrefix + name)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_it_failed_with_the_reason_and_keep_nothing_when_a_step_fails_while_running(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var code = "late-" + Guid.NewGuid().ToString("N")[..8];

        // The sector is unknown only when the Content step runs, after the Taxonomies step has written its term.
        using var started = await PostUploadAsync(staff, $$"""
            { "name": "{{code}}", "steps": [
              { "name": "Taxonomies", "taxonomies": [ { "name": "stages", "terms": [ { "code": "{{code}}", "vi": "Thử" } ] } ] },
              { "name": "Content", "items": [ { "type": "startup", "slug": "{{code}}", "published": true, "fields": { "Title": "x", "Summary": "y", "Sectors": [ "no-such-sector" ] } } ] }
            ] }
            """, "run");
        Assert.Equal(Url, Forms.Location(started));
        var failed = await WaitAsync(staff);

        Assert.Equal("Failed", failed.QuerySelector("#recipe-job")?.GetAttribute("data-status"));
        Assert.Contains(Texts.Vi("Step {0} ({1}), field {2}: {3}", 2, "Content", "$.items[0].fields.Sectors", string.Empty), failed.QuerySelector("#recipe-job-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.TaxonomyTerms.AnyAsync(t => t.Code == code)));
        Assert.False(await site.QueryAsync(db => db.SiteSettings.AnyAsync(s => s.Key == RecipeRunner.RanKeyPrefix + code)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_and_run_nothing_when_a_form_comes_without_its_antiforgery_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var day = new DateOnly(2033, 5, 16);
        _ = await Forms.GetAsync(staff, Url);

        using var run = new FormUrlEncodedContent([new("file", "default.recipe.json")]);
        using var runResponse = await staff.PostAsync(new Uri(Url + "/Run", UriKind.Relative), run);
        using var upload = UploadContent(HolidayRecipe("no-token", day, "Không có mã"), "run", token: null);
        using var uploadResponse = await staff.PostAsync(new Uri(Url + "/Upload", UriKind.Relative), upload);

        Assert.Equal(HttpStatusCode.BadRequest, runResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, uploadResponse.StatusCode);
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_file_over_2_mb_when_it_is_uploaded(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var padding = new string(' ', (int)Web.Features.Setup.Admin.Recipes.IndexModel.MaxUploadBytes);

        var page = await UploadAsync(staff, HolidayRecipe("too-big", new DateOnly(2033, 6, 13), "Quá lớn") + padding, "run");

        Assert.Contains(Texts.Vi("The file is larger than 2 MB; a recipe is refused above that size."), page.QuerySelector("#recipe-refusal")?.TextContent, StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == new DateOnly(2033, 6, 13))));
    }

    /// <summary>Reloads the page, as its meta refresh does, until the run has ended.</summary>
    private static async Task<IDocument> WaitAsync(HttpClient staff)
    {
        for (var i = 0; i < 240; i++)
        {
            var page = await Forms.GetAsync(staff, Url);
            if (page.QuerySelector("#recipe-job")?.GetAttribute("data-status") is "Done" or "Failed")
            {
                return page;
            }

            Assert.NotNull(page.QuerySelector("meta[http-equiv='refresh']"));
            await Task.Delay(250);
        }

        throw new TimeoutException("The recipe did not end within a minute.");
    }

    private static async Task<IDocument> UploadAsync(HttpClient staff, string json, string then)
    {
        using var response = await PostUploadAsync(staff, json, then);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostUploadAsync(HttpClient staff, string json, string then)
    {
        var page = await Forms.GetAsync(staff, Url);
        var form = (IHtmlFormElement)page.QuerySelector("form#recipe-upload")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var content = UploadContent(json, then, token);
        return await staff.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    private static MultipartFormDataContent UploadContent(string json, string then, string? token)
    {
        var content = new MultipartFormDataContent();
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "upload", "test.recipe.json");
        content.Add(new StringContent(then), "then");
        return content;
    }
}
