using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Programmes;

public sealed class ProgrammePagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_and_show_the_programme_when_a_visitor_opens_the_programme_pages(DatabaseProvider provider)
    {
        var site = sites[provider];
        // 00:30 in Vietnam is still the previous day in UTC: the date shown must be Vietnam's.
        var closesAt = new DateTimeOffset(2099, 1, 1, 0, 30, 0, TimeSpan.FromHours(7));
        var (_, key, name) = await SupportApplications.CreateProgrammeAsync(site, closesAt: closesAt);
        using var visitor = site.CreateBrowserClient();

        var list = await Forms.GetAsync(visitor, "/programmes");
        Assert.Equal(Texts.Vi("Programmes"), list.QuerySelector("header nav a[href='/programmes']")?.TextContent.Trim());
        Assert.Null(list.QuerySelector("header nav a[href='/my/applications']"));
        var card = list.QuerySelector($"li.card[data-key='{key}']");
        Assert.NotNull(card);
        Assert.Equal(name, card.QuerySelector($"h2 a[href='/programmes/{key}']")?.TextContent.Trim());
        Assert.Equal("Hỗ trợ khởi nghiệp đổi mới sáng tạo", card.QuerySelector(".support-type")?.TextContent.Trim());
        Assert.Equal("01/01/2099", card.QuerySelector(".closes")?.TextContent.Trim());
        Assert.Equal("300.000.000 ₫", card.QuerySelector(".max-amount")?.TextContent.Trim());

        var page = await Forms.GetAsync(visitor, $"/programmes/{key}");
        Assert.Equal(name, page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Equal(SupportApplications.LegalBasis, page.QuerySelector("#legal-basis")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Innovative startups"), page.QuerySelector("#eligibility")?.TextContent.Trim());
        Assert.Equal("2.000.000.000 ₫", page.QuerySelector("#budget")?.TextContent.Trim());
        Assert.Equal("300.000.000 ₫", page.QuerySelector("#max-per-application")?.TextContent.Trim());
        Assert.Equal("30 %", page.QuerySelector("#co-funding")?.TextContent.Trim());
        Assert.Equal("01/01/2099 00:30", page.QuerySelector("#rounds tr[data-key='2026-1'] .closes")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Open now"), page.QuerySelector("#rounds tr[data-key='2026-1'] td:last-child")?.TextContent.Trim());

        // Every field of the form, with its label and what it asks for, so people can prepare; the amount before the files.
        var fields = page.QuerySelectorAll("#form-fields li").Select(li => li.GetAttribute("data-key")).ToList();
        Assert.Equal(["summary", "teamSize", "ownFunds", "startDate", "stage", "markets", "requestedAmount", "plan"], fields);
        Assert.Equal("Tóm tắt dự án", page.QuerySelector("#form-fields li[data-key=summary] strong")?.TextContent);
        Assert.Contains(" *", page.QuerySelector("#form-fields li[data-key=summary]")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("*", page.QuerySelector("#form-fields li[data-key=ownFunds]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.Vi("One of: {0}", "Ý tưởng, Sản phẩm mẫu"), page.QuerySelector("#form-fields li[data-key=stage]")?.TextContent, StringComparison.Ordinal);

        var criteria = page.QuerySelectorAll("#rubric tbody tr").Select(tr => (tr.Children[0].TextContent, tr.Children[1].TextContent)).ToList();
        Assert.Equal([("Tính mới", "40"), ("Tính khả thi", "60")], criteria);
        Assert.Equal(Texts.Vi("Pass mark: {0} points", "70"), page.QuerySelector("#pass-mark")?.TextContent.Trim());

        // A visitor is asked to sign in, and comes back here afterwards.
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Equal(Texts.Vi("Sign in to apply"), page.QuerySelector($"a[href='/account/login?returnUrl=%2Fprogrammes%2F{key}']")?.TextContent.Trim());

        var english = await Forms.GetAsync(visitor, $"/programmes/{key}?culture=en-GB&ui-culture=en-GB");
        Assert.Equal($"Innovative startup support {key}", english.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Equal("Project summary", english.QuerySelector("#form-fields li[data-key=summary] strong")?.TextContent);

        using var missing = await visitor.GetAsync(new Uri($"/programmes/no-such-{key}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_programme_without_an_apply_form_when_its_round_closed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (_, key, _) = await SupportApplications.CreateProgrammeAsync(site, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        await OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Late {Guid.NewGuid():N}");

        Assert.Null((await Forms.GetAsync(applicant.Browser, "/programmes")).QuerySelector($"li.card[data-key='{key}']"));
        var page = await Forms.GetAsync(applicant.Browser, $"/programmes/{key}");
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Contains(Texts.Vi("This programme takes no applications now."), page.QuerySelectorAll("p.notice").Select(p => p.TextContent.Trim()));
        Assert.Equal(Texts.Vi("Closed"), page.QuerySelector("#rounds tr[data-key='2026-1'] td:last-child")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_the_application_or_say_why_not_when_an_applicant_applies_from_the_programme_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, key, _) = await SupportApplications.CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var startupTitle = $"Chè Shan tuyết {Guid.NewGuid():N}";
        var startup = await OrganisationApiTests.CreateAsync(applicant.Api, "startup", startupTitle);
        var enterprise = await OrganisationApiTests.CreateAsync(applicant.Api, "enterprise", $"Cơ khí {Guid.NewGuid():N}");

        // Only the organisations of a kind the programme takes are offered.
        var page = await Forms.GetAsync(applicant.Browser, $"/programmes/{key}");
        Assert.Equal([startup], page.QuerySelectorAll("#apply-form select[name=organisationId] option").Select(o => o.GetAttribute("value")));
        string id;
        using (var applied = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#apply-form"))
        {
            var location = Forms.Location(applied);
            Assert.StartsWith("/my/applications/", location, StringComparison.Ordinal);
            id = location.Split('/')[^1];
        }

        var application = await Forms.GetAsync(applicant.Browser, $"/my/applications/{id}");
        Assert.Equal(Texts.Vi("Your application is started. Fill in the form, save it as often as you like, and submit it before the round closes."), application.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Draft"), application.QuerySelector("#application-status")?.TextContent.Trim());
        Assert.Equal(startupTitle, application.QuerySelector("#application-organisation")?.TextContent.Trim());

        // Applying again for the same organisation says so and links to the application it already has.
        page = await Forms.GetAsync(applicant.Browser, $"/programmes/{key}");
        Assert.NotNull(page.QuerySelector($"#my-applications a[href='/my/applications/{id}']"));
        using (var again = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#apply-form"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var refused = await Forms.ParseAsync(again);
            Assert.Contains(Texts.Vi("This organisation already has an application in this round."), refused.QuerySelector("#apply-error")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(refused.QuerySelector($"#apply-error a[href='/my/applications/{id}']"));
        }

        // An organisation of a kind the programme does not take, posted by hand, is refused with the reason.
        using (var crafted = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#apply-form", new Dictionary<string, string[]> { ["organisationId"] = [enterprise] }))
        {
            var refused = await Forms.ParseAsync(crafted);
            Assert.Contains(Texts.Vi("This programme is not open to this kind of organisation."), refused.QuerySelector("#apply-error")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(1, await site.QueryAsync(db => db.Applications.CountAsync(a => a.ProgrammeId == programmeId)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_ask_for_an_organisation_or_a_sign_in_when_the_visitor_cannot_apply_yet(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (_, key, _) = await SupportApplications.CreateProgrammeAsync(site);

        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var page = await Forms.GetAsync(applicant.Browser, $"/programmes/{key}");
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Contains(Texts.Vi("To apply, first create your organisation's profile."), page.QuerySelector("#no-eligible")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Texts.Vi("My applications"), page.QuerySelector("header nav a[href='/my/applications']")?.TextContent.Trim());

        // A visitor's post (with a valid token, from the sign-in form: a public page carries none) is sent to sign in,
        // and nothing is created.
        using var visitor = site.CreateBrowserClient();
        Assert.Null((await Forms.GetAsync(visitor, $"/programmes/{key}")).QuerySelector("#apply-form"));
        var signIn = await Forms.GetAsync(visitor, "/account/login");
        var token = signIn.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("organisationId", "anything")]);
        using var posted = await visitor.PostAsync(new Uri($"/programmes/{key}?handler=Apply", UriKind.Relative), content);
        Assert.Equal($"/account/login?returnUrl=%2Fprogrammes%2F{key}", Forms.Location(posted));
    }
}
