using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Organisations;

public sealed class OrganisationApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_a_draft_owned_by_the_applicant_when_they_post_a_valid_organisation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = (await site.CreateApplicantAsync()).Client;
        var name = $"Công ty Đổi Mới {Guid.NewGuid():N}";

        using var response = await client.PostAsJsonAsync("/api/organisations", new
        {
            kind = "startup", name, summary = "Nông sản sạch", description = "Chi tiết", sectors = new[] { "agri-hitech", "ocop" },
            locality = "cao-bang.hoa-an", stage = "mvp", taxCode = "0123456789", website = "https://doimoi.example.vn",
        });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        var id = created.Text("id");
        Assert.Equal($"/api/organisations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("startup", created.Text("kind"));
        Assert.Equal(name, created.Text("name"));
        Assert.StartsWith("cong-ty-doi-moi-", created.Text("slug"), StringComparison.Ordinal);
        Assert.Equal(["agri-hitech", "ocop"], created.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("mvp", created.Text("stage"));
        Assert.Equal("Draft", created.Text("status"));

        var read = await Json.GetAsync(client, $"/api/organisations/{id}");
        Assert.Equal(name, read.Text("name"));
        Assert.Equal("cao-bang.hoa-an", read.Text("locality"));
        Assert.Equal("0123456789", read.Text("taxCode"));
        Assert.Equal("https://doimoi.example.vn", read.Text("website"));
        var list = await Json.GetAsync(client, "/api/organisations");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).Text("id"));

        // A draft is not public.
        using var visitor = site.CreateClient();
        await Json.GetAsync(visitor, $"/api/directory/startups/{created.Text("slug")}", HttpStatusCode.NotFound);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_an_enterprise_when_the_kind_is_enterprise(DatabaseProvider provider)
    {
        using var client = (await sites[provider].CreateApplicantAsync()).Client;
        using var response = await client.PostAsJsonAsync("/api/organisations", new { kind = "enterprise", name = $"DN KH&CN {Guid.NewGuid():N}", summary = "S&T", taxCode = "0123456789-001" });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("enterprise", created.Text("kind"));
        Assert.Equal("0123456789-001", created.Text("taxCode"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("stage").ValueKind);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_a_clear_message_and_create_nothing_when_the_organisation_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (client, email, _) = await site.CreateApplicantAsync();
        using var owned = client;
        var cases = new (object Body, string Field, string? Mentions)[]
        {
            (new { kind = "startup", summary = "No name" }, "name", null),
            (new { kind = "startup", name = "   ", summary = "Blank name" }, "name", null),
            (new { kind = "startup", name = "No summary" }, "summary", null),
            (new { kind = "unicorn", name = "Bad kind", summary = "x" }, "kind", null),
            (new { name = "No kind", summary = "x" }, "kind", null),
            (new { kind = "startup", name = "Bad sector", summary = "x", sectors = new[] { "agri-hitech", "space-mining" } }, "sectors", "space-mining"),
            (new { kind = "startup", name = "Bad locality", summary = "x", locality = "atlantis" }, "locality", "atlantis"),
            (new { kind = "startup", name = "Bad stage", summary = "x", stage = "unicorn" }, "stage", "unicorn"),
            (new { kind = "startup", name = "Bad website", summary = "x", website = "javascript:alert(1)" }, "website", null),
            (new { kind = "startup", name = "Bad website", summary = "x", website = "not a url" }, "website", null),
            (new { kind = "startup", name = "Bad tax code", summary = "x", taxCode = "12AB" }, "taxCode", null),
            (new { kind = "enterprise", name = "Staged enterprise", summary = "x", stage = "idea" }, "stage", null),
            (new { kind = "startup", name = new string('x', 301), summary = "x" }, "name", null),
        };
        foreach (var (body, field, mentions) in cases)
        {
            using var response = await client.PostAsJsonAsync("/api/organisations", body);
            var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
            var messages = problem.Errors(field);
            Assert.True(messages.Count > 0 && messages.All(m => m.Trim().Length > 0), $"No message for {field} in {problem}");
            if (mentions is not null)
            {
                Assert.Contains(mentions, messages[0], StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, (await Json.GetAsync(client, "/api/organisations")).GetArrayLength());
        var ownerId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.OwnerId == ownerId)));
        Assert.False(await site.QueryAsync(db => db.Enterprises.AnyAsync(s => s.OwnerId == ownerId)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_when_the_body_is_not_json(DatabaseProvider provider)
    {
        using var client = (await sites[provider].CreateApplicantAsync()).Client;
        using var content = new StringContent("{ not json", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/organisations", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await Json.GetAsync(client, "/api/organisations")).GetArrayLength());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_only_the_given_fields_when_the_owner_puts_an_update(DatabaseProvider provider)
    {
        using var client = (await sites[provider].CreateApplicantAsync()).Client;
        var id = await CreateAsync(client, "startup", $"Update me {Guid.NewGuid():N}");

        using var response = await client.PutAsJsonAsync($"/api/organisations/{id}", new { summary = "New summary", sectors = new[] { "biotech" }, stage = "growth" });
        var updated = await Json.ReadAsync(response);
        Assert.Equal("New summary", updated.Text("summary"));
        Assert.StartsWith("Update me", updated.Text("name"), StringComparison.Ordinal);

        var read = await Json.GetAsync(client, $"/api/organisations/{id}");
        Assert.Equal("New summary", read.Text("summary"));
        Assert.Equal(["biotech"], read.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("growth", read.Text("stage"));
        Assert.Equal("Draft", read.Text("status"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_the_update_is_not_valid(DatabaseProvider provider)
    {
        using var client = (await sites[provider].CreateApplicantAsync()).Client;
        var id = await CreateAsync(client, "enterprise", $"Keep me {Guid.NewGuid():N}");
        var before = (await Json.GetAsync(client, $"/api/organisations/{id}")).GetRawText();

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { name = "" }, "name"),
                     (new { summary = "Changed", sectors = new[] { "space-mining" } }, "sectors"),
                     (new { summary = "Changed", website = "ftp://files.example.vn" }, "website"),
                     (new { summary = "Changed", stage = "idea" }, "stage"),
                     (new { summary = "Changed", kind = "startup" }, "kind"),
                 })
        {
            using var response = await client.PutAsJsonAsync($"/api/organisations/{id}", body);
            Assert.NotEmpty((await Json.ReadAsync(response, HttpStatusCode.BadRequest)).Errors(field));
            Assert.Equal(before, (await Json.GetAsync(client, $"/api/organisations/{id}")).GetRawText());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_put_the_profile_in_the_review_queue_once_when_the_owner_submits_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = (await site.CreateApplicantAsync()).Client;
        var id = await CreateAsync(client, "startup", $"Submit me {Guid.NewGuid():N}");

        using (var submitted = await client.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null))
        {
            Assert.Equal("Submitted", (await Json.ReadAsync(submitted)).Text("status"));
        }

        using (var again = await client.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null))
        {
            var problem = await Json.ReadAsync(again, HttpStatusCode.BadRequest);
            Assert.False(string.IsNullOrWhiteSpace(problem.Text("detail")));
        }

        using var staff = await site.CreateBrowserUserAsync("Staff");
        var queue = await Forms.GetAsync(staff, "/admin/moderation");
        Assert.NotNull(queue.QuerySelector($"section.moderation-item[data-id='{id}']"));

        // Editing takes it out of the queue until it is submitted again.
        using (var edited = await client.PutAsJsonAsync($"/api/organisations/{id}", new { summary = "Better" }))
        {
            Assert.Equal("Draft", (await Json.ReadAsync(edited)).Text("status"));
        }

        queue = await Forms.GetAsync(staff, "/admin/moderation");
        Assert.Null(queue.QuerySelector($"section.moderation-item[data-id='{id}']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_showing_the_published_version_when_the_owner_edits_it_before_staff_publish_the_changes(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = (await site.CreateApplicantAsync()).Client;
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateClient();
        using var browser = site.CreateBrowserClient();
        var id = await CreateAsync(client, "startup", $"Versioned {Guid.NewGuid():N}", summary: "Version one");
        var slug = (await Json.GetAsync(client, $"/api/organisations/{id}")).Text("slug");
        await SubmitAsync(client, id);
        await Moderation.ApproveAsync(staff, id);
        Assert.Equal("Published", (await Json.GetAsync(client, $"/api/organisations/{id}")).Text("status"));
        Assert.Equal("Version one", (await Json.GetAsync(visitor, $"/api/directory/startups/{slug}")).Text("summary"));

        using (var edited = await client.PutAsJsonAsync($"/api/organisations/{id}", new { summary = "Version two" }))
        {
            var draft = await Json.ReadAsync(edited);
            Assert.Equal("PublishedWithChanges", draft.Text("status"));
            Assert.Equal(slug, draft.Text("slug"));
        }

        Assert.Equal("Version one", (await Json.GetAsync(visitor, $"/api/directory/startups/{slug}")).Text("summary"));
        Assert.Equal("Version one", (await Forms.GetAsync(browser, $"/directory/startups/{slug}")).QuerySelector("main h1 + p")?.TextContent);
        Assert.Equal("Version two", (await Json.GetAsync(client, $"/api/organisations/{id}")).Text("summary"));

        await SubmitAsync(client, id);
        Assert.Equal("Version one", (await Json.GetAsync(visitor, $"/api/directory/startups/{slug}")).Text("summary"));
        await Moderation.ApproveAsync(staff, id);
        Assert.Equal("Version two", (await Json.GetAsync(visitor, $"/api/directory/startups/{slug}")).Text("summary"));
        var (_, items) = await DirectoryReader.ApiAsync(visitor, "startups");
        Assert.Equal("Version two", Assert.Single(items, i => i.Text("id") == id).Text("summary"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_and_change_nothing_when_an_applicant_reaches_for_another_applicants_organisation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = (await site.CreateApplicantAsync()).Client;
        using var intruder = (await site.CreateApplicantAsync()).Client;
        var id = await CreateAsync(owner, "startup", $"Mine {Guid.NewGuid():N}", summary: "Owner's words");
        var before = (await Json.GetAsync(owner, $"/api/organisations/{id}")).GetRawText();

        await Json.GetAsync(intruder, $"/api/organisations/{id}", HttpStatusCode.NotFound);
        using (var put = await intruder.PutAsJsonAsync($"/api/organisations/{id}", new { summary = "Intruder's words" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        }

        using (var submit = await intruder.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        }

        Assert.Equal(0, (await Json.GetAsync(intruder, "/api/organisations")).GetArrayLength());
        var after = await Json.GetAsync(owner, $"/api/organisations/{id}");
        Assert.Equal(before, after.GetRawText());
        Assert.Equal("Draft", after.Text("status"));
        Assert.Equal(1, await site.QueryAsync(db => db.Startups.CountAsync(s => s.ContentItemId == id)));

        // Staff are not owners either: the applicant API serves only one's own organisations.
        using var staff = await site.CreateUserAsync("Staff");
        await Json.GetAsync(staff, $"/api/organisations/{id}", HttpStatusCode.NotFound);
        await Json.GetAsync(owner, $"/api/organisations/{Guid.NewGuid():N}", HttpStatusCode.NotFound);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_401_when_the_organisations_api_is_called_anonymously(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = (await site.CreateApplicantAsync()).Client;
        var id = await CreateAsync(owner, "startup", $"Anonymous target {Guid.NewGuid():N}");
        using var anonymous = site.CreateClient();
        var body = new { kind = "startup", name = "Anonymous", summary = "x" };
        using var list = await anonymous.GetAsync(new Uri("/api/organisations", UriKind.Relative));
        using var create = await anonymous.PostAsJsonAsync("/api/organisations", body);
        using var read = await anonymous.GetAsync(new Uri($"/api/organisations/{id}", UriKind.Relative));
        using var update = await anonymous.PutAsJsonAsync($"/api/organisations/{id}", body);
        using var submit = await anonymous.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null);
        foreach (var response in new[] { list, create, read, update, submit })
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode}");
        }

        Assert.Equal("Draft", (await Json.GetAsync(owner, $"/api/organisations/{id}")).Text("status"));
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.Title == "Anonymous")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_and_return_the_name_in_nfc_when_it_is_sent_decomposed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = (await site.CreateApplicantAsync()).Client;
        var composed = $"Hợp tác xã Nông nghiệp Đổi mới {Guid.NewGuid():N}".Normalize(NormalizationForm.FormC);
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        using var response = await client.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = decomposed, summary = "Tóm tắt".Normalize(NormalizationForm.FormD) });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        var id = created.Text("id");
        Assert.Equal(composed, created.Text("name"));
        Assert.StartsWith("hop-tac-xa-nong-nghiep-doi-moi-", created.Text("slug"), StringComparison.Ordinal);

        var read = await Json.GetAsync(client, $"/api/organisations/{id}");
        Assert.Equal(composed, read.Text("name"));
        Assert.Equal("Tóm tắt".Normalize(NormalizationForm.FormC), read.Text("summary"));
        var stored = await site.QueryAsync(db => db.Startups.AsNoTracking().Where(s => s.ContentItemId == id).Select(s => s.Title).SingleAsync());
        Assert.Equal(composed, stored);

        using var update = await client.PutAsJsonAsync($"/api/organisations/{id}", new { description = "Mô tả đầy đủ".Normalize(NormalizationForm.FormD) });
        Assert.Equal("Mô tả đầy đủ".Normalize(NormalizationForm.FormC), (await Json.ReadAsync(update)).Text("description"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_number_the_slug_when_two_organisations_have_the_same_vietnamese_name(DatabaseProvider provider)
    {
        using var client = (await sites[provider].CreateApplicantAsync()).Client;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = $"Công ty Đổi Mới {tag}";
        using var first = await client.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary = "x" });
        using var second = await client.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary = "y" });
        Assert.Equal($"cong-ty-doi-moi-{tag}", (await Json.ReadAsync(first, HttpStatusCode.Created)).Text("slug"));
        Assert.Equal($"cong-ty-doi-moi-{tag}-2", (await Json.ReadAsync(second, HttpStatusCode.Created)).Text("slug"));
    }

    internal static async Task<string> CreateAsync(HttpClient client, string kind, string name, string summary = "A summary")
    {
        using var response = await client.PostAsJsonAsync("/api/organisations", new { kind, name, summary });
        return (await Json.ReadAsync(response, HttpStatusCode.Created)).Text("id");
    }

    internal static async Task SubmitAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null);
        Assert.Equal("Submitted", (await Json.ReadAsync(response)).Text("status"));
    }
}
