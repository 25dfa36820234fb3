using System.Net.Http.Json;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

/// <summary>
/// A person's language: the site's language switch and the account page remember it, and the workflow's e-mails reach
/// them in that language only.
/// </summary>
public sealed class UserLanguageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_mail_only_in_the_chosen_language_when_a_person_switched_the_site_language(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();

        // The language switch in the header remembers English for the signed-in person.
        var page = await Forms.GetAsync(applicant.Browser, "/my/applications");
        (await Forms.SubmitAsync(applicant.Browser, page, "form[action='/culture']", [new("culture", "en")])).Dispose();
        Assert.Equal("en", await LanguageAsync(site, applicant.Email));

        var organisationId = await OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Công ty Ngôn Ngữ {Guid.NewGuid():N}"[..30]);
        using (var created = await applicant.Api.PostAsJsonAsync("/api/applications", new { programmeId, organisationId }))
        {
            var id = (await Json.ReadAsync(created, System.Net.HttpStatusCode.Created)).Text("id");
            using var saved = await applicant.Api.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Máy sấy nông sản.", field = "agri" }, requestedAmount = 300_000_000 });
            await Json.ReadAsync(saved);
            using var submitted = await applicant.Api.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
            await Json.ReadAsync(submitted);
        }

        var email = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == applicant.Email && e.Subject.Contains("received")));
        Assert.Equal("Your application was received", email.Subject);
        Assert.StartsWith("<p lang=\"en\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("lang=\"vi\"", email.HtmlBody, StringComparison.Ordinal);

        // The account page shows the choice and changes it back to Vietnamese.
        var account = await Forms.GetAsync(applicant.Browser, "/account");
        Assert.Equal("en", account.QuerySelector("#f-Language option[selected]")?.GetAttribute("value"));
        (await Forms.FillAndSubmitAsync(applicant.Browser, account, "#profile-form", new Dictionary<string, string[]> { ["Language"] = ["vi"], ["DisplayName"] = ["Nguyễn Thị Hoa"] })).Dispose();
        Assert.Equal("vi", await LanguageAsync(site, applicant.Email));
    }

    private static Task<string?> LanguageAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync());
}
