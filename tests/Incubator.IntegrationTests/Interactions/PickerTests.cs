using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.FollowUps;
using Incubator.Web.Features.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Interactions;

/// <summary>
/// The organisation and person pickers of the interaction and task forms: found without case or accents in the
/// database, chosen without a script through the form's own search, and the staff-only JSON endpoint the script asks.
/// </summary>
public sealed class PickerTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_an_organisation_typed_without_accents_when_staff_search_and_tick_it_without_a_script(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var tag = Tag();
        var organisationId = await CreateOrganisationAsync(data.Owner, $"Hợp tác xã Nông sản {tag}");
        using var browser = await site.CreateSignedInBrowserAsync(data.StaffEmail, data.StaffPassword);

        // Searching keeps what was typed and shows the match to tick, typed as "nong".
        var form = await Forms.GetAsync(browser, "/admin/interactions/new");
        using var searched = await Forms.FillAndSubmitAsync(browser, form, "#interaction-form",
            new Dictionary<string, string[]> { ["Input.Subject"] = ["Họp bàn đầu ra"], ["OrganisationSearch"] = ["nong san " + tag] }, "Search", "OrganisationSearch");
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        var page = await Forms.ParseAsync(searched);
        Assert.Equal("Họp bàn đầu ra", ((IHtmlInputElement)page.QuerySelector("#Input_Subject")!).Value);
        Assert.Equal([organisationId], Boxes(page, "Input.OrganisationIds").Select(b => b.Value));
        Assert.Contains($"Hợp tác xã Nông sản {tag}", page.QuerySelector("#Input_OrganisationIds")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueryAsync(db => db.Set<Interaction>().CountAsync(i => i.Subject == "Họp bàn đầu ra")));

        // Ticked, it stays chosen (by name) while the person is searched for, then both are linked.
        using var second = await Forms.FillAndSubmitAsync(browser, page, "#interaction-form",
            new Dictionary<string, string[]> { ["Input.OrganisationIds"] = [organisationId], ["PersonSearch"] = ["NONG THI HOA"] }, "Search", "PersonSearch");
        page = await Forms.ParseAsync(second);
        Assert.Equal([organisationId], Boxes(page, "Input.OrganisationIds").Where(b => b.IsChecked).Select(b => b.Value));
        Assert.Contains(data.PersonId, Boxes(page, "Input.PersonIds").Select(b => b.Value));
        using var saved = await Forms.FillAndSubmitAsync(browser, page, "#interaction-form", new Dictionary<string, string[]> { ["Input.PersonIds"] = [data.PersonId] });
        var id = Forms.Location(saved).Split('/')[^1];
        var linked = await site.QueryAsync(db => db.Set<InteractionParticipant>().AsNoTracking().Where(p => p.InteractionId == id).Select(p => p.RefId).ToListAsync());
        Assert.Contains(organisationId, linked);
        Assert.Contains(data.PersonId, linked);

        // The edit page shows them by name, ticked, with no list of every organisation.
        var edit = await Forms.GetAsync(browser, $"/admin/interactions/{id}/edit");
        Assert.Equal([organisationId], Boxes(edit, "Input.OrganisationIds").Select(b => b.Value));
        Assert.All(Boxes(edit, "Input.OrganisationIds"), b => Assert.True(b.IsChecked));
        Assert.Contains($"Hợp tác xã Nông sản {tag}", edit.QuerySelector("#Input_OrganisationIds")!.TextContent, StringComparison.Ordinal);
        Assert.Null(edit.QuerySelector("select[name='Input.OrganisationIds']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_prefill_and_replace_the_organisation_when_a_task_is_set_with_the_single_picker(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var tag = Tag();
        var organisationId = await CreateOrganisationAsync(data.Owner, $"Nông sản Mộc Châu {tag}");
        using var browser = await site.CreateSignedInBrowserAsync(data.StaffEmail, data.StaffPassword);

        var form = await Forms.GetAsync(browser, $"/admin/tasks/new?organisation={data.OrganisationId}");
        Assert.Equal([data.OrganisationId], Boxes(form, "Input.OrganisationId").Where(b => b.IsChecked).Select(b => b.Value));
        using var searched = await Forms.FillAndSubmitAsync(browser, form, "#task-form",
            new Dictionary<string, string[]> { ["Input.Title"] = ["Gửi mẫu hợp đồng"], ["OrganisationSearch"] = ["moc chau " + tag] }, "Search", "OrganisationSearch");
        var page = await Forms.ParseAsync(searched);
        Assert.Equal("radio", Boxes(page, "Input.OrganisationId").First(b => b.Value == organisationId).Type);
        Assert.Equal([data.OrganisationId], Boxes(page, "Input.OrganisationId").Where(b => b.IsChecked).Select(b => b.Value));

        using var saved = await Forms.FillAndSubmitAsync(browser, page, "#task-form", new Dictionary<string, string[]> { ["Input.OrganisationId"] = [organisationId] });
        Assert.Equal("/admin/tasks", Forms.Location(saved));
        Assert.Equal(organisationId, await site.QueryAsync(db => db.Set<FollowUpTask>().AsNoTracking().Where(t => t.Title == "Gửi mẫu hợp đồng").Select(t => t.OrganisationId).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_staff_only_with_limited_accent_folded_matches_when_the_picker_endpoint_is_asked(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var tag = Tag();
        var within = await CreateOrganisationAsync(data.Owner, $"Hợp tác xã Nông sản {tag}");
        var first = await CreateOrganisationAsync(data.Owner, $"{tag} Đồng Nông");
        await CreateOrganisationAsync(data.Owner, $"Quỹ khác {tag}");

        // Without case or accents either way; names starting with the term come first.
        var found = await Json.GetAsync(data.Staff, $"/api/relationships/organisations?q={Uri.EscapeDataString(tag.ToUpperInvariant())}");
        Assert.Equal(3, found.GetArrayLength());
        Assert.Equal(first, found[0].Text("id"));
        var folded = await Json.GetAsync(data.Staff, $"/api/relationships/organisations?q={Uri.EscapeDataString("NÔNG SAN " + tag)}");
        Assert.Equal([within], folded.EnumerateArray().Select(e => e.Text("id")));
        Assert.Equal($"Hợp tác xã Nông sản {tag}", folded[0].Text("name"));
        Assert.Equal(0, (await Json.GetAsync(data.Staff, $"/api/relationships/organisations?q=dong+nong+{tag}+x")).GetArrayLength());

        // take is kept to 1..50; a blank term finds nothing rather than everything.
        Assert.Equal(2, (await Json.GetAsync(data.Staff, $"/api/relationships/organisations?q={tag}&take=2")).GetArrayLength());
        Assert.Equal(1, (await Json.GetAsync(data.Staff, $"/api/relationships/organisations?q={tag}&take=0")).GetArrayLength());
        Assert.Equal(0, (await Json.GetAsync(data.Staff, "/api/relationships/organisations?q=%20")).GetArrayLength());
        var people = await Json.GetAsync(data.Staff, "/api/relationships/people?q=thi%20hoa&take=1000");
        Assert.InRange(people.GetArrayLength(), 1, 50);
        Assert.All(people.EnumerateArray(), p => Assert.Equal("Nông Thị Hoa", p.Text("name")));

        using var applicant = await data.Owner.GetAsync(new Uri($"/api/relationships/organisations?q={tag}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, applicant.StatusCode);
        using var anonymous = site.CreateClient();
        using var nobody = await anonymous.GetAsync(new Uri("/api/relationships/people?q=hoa", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    /// <summary>A word no other test's names hold, of letters only.</summary>
    private static string Tag() => "t" + new string([.. Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + c - '0') : c)]);

    private static List<IHtmlInputElement> Boxes(IDocument page, string name) =>
        [.. page.QuerySelectorAll($"input[name='{name}']").OfType<IHtmlInputElement>().Where(i => i.Value.Length > 0)];

    private static async Task<string> CreateOrganisationAsync(HttpClient owner, string name)
    {
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary = "Nông sản sạch" });
        return (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
    }
}
