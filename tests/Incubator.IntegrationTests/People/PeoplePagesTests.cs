using System.Net;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.People;

public sealed class PeoplePagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_offer_merge_or_namesake_and_record_consent_when_staff_use_the_pages(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var (applicant, _, _) = await site.CreateApplicantAsync();
        var organisation = await PeopleApiTests.OrganisationAsync(applicant);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var email = $"lan.{marker}@example.vn";

        // A new person from the organisation's "add a person" link: the organisation comes prefilled.
        var form = await Forms.GetAsync(staff, $"/admin/people/new?organisation={organisation}");
        Assert.Equal(organisation, (form.QuerySelector("select[name='Form.Links[0].OrganisationId']") as IHtmlSelectElement)?.Value);
        var id = await SaveAsync(staff, form, new() { ["Form.FullName"] = [$"Lê Thị Lan {marker}"], ["Form.Emails"] = [email], ["Form.Gender"] = ["female"] });
        var page = await Forms.GetAsync(staff, $"/admin/people/{id}");
        Assert.Contains(email, page.QuerySelector("#person-emails")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.Vi("Founder"), page.QuerySelector($"#person-organisations li[data-organisation='{organisation}']")?.TextContent, StringComparison.Ordinal);

        // Consent: an import without its basis is refused beside the field; a staff entry is recorded and shown.
        using (var refused = await Forms.SubmitAsync(staff, page, "#consent-form", [new("Consent.Given", "true"), new("Consent.Source", "Import"), new("Consent.Basis", "")]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var again = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("State the legal basis of an imported consent."), again.QuerySelector("#consent-form .field-error")?.TextContent.Trim());
        }

        using (var recorded = await Forms.SubmitAsync(staff, page, "#consent-form", [new("Consent.Given", "true"), new("Consent.Source", "Staff"), new("Consent.Basis", "Phiếu ký tại hội thảo")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        page = await Forms.GetAsync(staff, $"/admin/people/{id}");
        Assert.Equal(Texts.Vi("Given"), page.QuerySelector("#consent-state")?.TextContent.Trim());

        // The same e-mail in other case: the duplicate is shown, and "merge into this one" adds the new phone to it.
        form = await Forms.GetAsync(staff, "/admin/people/new");
        var phone = $"+84 98 {Random.Shared.Next(1_000_000, 9_999_999)}";
        var fields = new Dictionary<string, string[]> { ["Form.FullName"] = ["Chị Lan"], ["Form.Emails"] = [email.ToUpperInvariant()], ["Form.Phones"] = [phone] };
        using (var duplicate = await Forms.FillAndSubmitAsync(staff, form, "#person-form", fields))
        {
            Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            var offer = await Forms.ParseAsync(duplicate);
            Assert.NotNull(offer.QuerySelector($"#duplicates li[data-person='{id}'] button[name=mergeInto][value='{id}']"));
            Assert.Null(offer.QuerySelector("#save-anyway"));
            using var merged = await Forms.FillAndSubmitAsync(staff, offer, "#person-form", fields, "mergeInto", id);
            Assert.Equal($"/admin/people/{id}", Forms.Location(merged));
        }

        var mergedId = await site.QueryAsync(db => db.Set<Person>().Where(p => p.MergedIntoId == id).Select(p => p.Id).SingleAsync());
        using (var old = await staff.GetAsync(new Uri($"/admin/people/{mergedId}", UriKind.Relative)))
        {
            Assert.Equal($"/admin/people/{id}", Forms.Location(old));
        }

        Assert.Equal(2, await site.QueryAsync(db => db.Set<PersonContact>().CountAsync(c => c.PersonId == id)));

        // A namesake in the same organisation may be saved anyway, as another person.
        form = await Forms.GetAsync(staff, $"/admin/people/new?organisation={organisation}");
        fields = new() { ["Form.FullName"] = [$"lê thị lan {marker}"], ["Form.Emails"] = [$"other.{marker}@example.vn"] };
        using (var namesake = await Forms.FillAndSubmitAsync(staff, form, "#person-form", fields))
        {
            var offer = await Forms.ParseAsync(namesake);
            Assert.NotNull(offer.QuerySelector("#save-anyway"));
            using var saved = await Forms.FillAndSubmitAsync(staff, offer, "#person-form", fields, "namesake", "true");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.NotEqual($"/admin/people/{id}", Forms.Location(saved));
        }

        // The edit page keeps what is stored and saves a change; the list finds the person by e-mail and organisation.
        form = await Forms.GetAsync(staff, $"/admin/people/{id}/edit");
        Assert.Equal("female", (form.QuerySelector("select[name='Form.Gender']") as IHtmlSelectElement)?.Value);
        await SaveAsync(staff, form, new() { ["Form.Title"] = ["Giám đốc"] });
        Assert.Equal("Giám đốc", await site.QueryAsync(db => db.Set<Person>().Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
        var list = await Forms.GetAsync(staff, $"/admin/people?q={Uri.EscapeDataString(email.ToUpperInvariant())}&organisation={organisation}");
        Assert.Equal([id], list.QuerySelectorAll(".people-list li").Select(li => li.GetAttribute("data-person")));
    }

    private static async Task<string> SaveAsync(HttpClient staff, AngleSharp.Dom.IDocument form, Dictionary<string, string[]> fields)
    {
        using var response = await Forms.FillAndSubmitAsync(staff, form, "#person-form", fields);
        var errors = response.StatusCode == HttpStatusCode.OK
            ? string.Join(" | ", (await Forms.ParseAsync(response)).QuerySelectorAll(".field-error, .notice").Select(e => e.TextContent.Trim()))
            : string.Empty;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving returned {(int)response.StatusCode}: {errors}");
        return Forms.Location(response).Split('/')[^1];
    }
}
