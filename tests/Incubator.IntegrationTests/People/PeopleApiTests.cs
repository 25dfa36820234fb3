using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.People;

public sealed class PeopleApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_duplicates_and_merge_keeping_everything_when_staff_use_the_api(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (applicant, _, _) = await site.CreateApplicantAsync();
        var organisation = await OrganisationAsync(applicant);
        var elsewhere = await OrganisationAsync(applicant);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var email = $"An.Nguyen.{marker}@Example.VN";
        var phone = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";

        var kept = await CreateAsync(staff, new
        {
            fullName = $"Nguyễn Văn An {marker}", emails = new[] { email }, phones = new[] { phone }, gender = "male", birthYear = 1990, locality = "cao-bang",
            tags = new[] { "nông nghiệp" }, links = new[] { new { organisationId = organisation, role = "founder", from = "2024-01-15" } },
            consent = new { newsletter = true, source = "staff" },
        });
        Assert.Equal((true, "male"), (kept.GetProperty("newsletter").GetBoolean(), kept.Text("gender")));

        // The same e-mail in other case, the same phone written +84, the same name (other Unicode form, case and spaces) in the same organisation.
        foreach (var duplicate in new object[]
                 {
                     new { fullName = "Người khác", emails = new[] { email.ToLowerInvariant() } },
                     new { fullName = "Người khác", phones = new[] { "+84 " + phone[1..4] + " " + phone[4..] } },
                     new { fullName = $"  NGUYỄN  văn AN {marker}".Normalize(NormalizationForm.FormD), links = new[] { new { organisationId = organisation, role = "ceo" } } },
                 })
        {
            using var refused = await staff.PostAsJsonAsync("/api/people", duplicate);
            var problem = await Json.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal(kept.Text("id"), problem.Text("existingId"));
        }

        // A namesake elsewhere is another person; with another e-mail, link and a withdrawn consent, then merged in.
        var other = await CreateAsync(staff, new
        {
            fullName = $"Nguyễn Văn An {marker}", emails = new[] { $"an.{marker}@other.vn", email.ToUpperInvariant() + "x" }, phones = new[] { "0206 3852 123" },
            links = new[] { new { organisationId = elsewhere, role = "adviser" } }, consent = new { newsletter = false, source = "import", basis = "Danh sách hội thảo 2025" },
        });
        using (var merged = await staff.PostAsJsonAsync($"/api/people/{kept.Text("id")}/merge", new { otherId = other.Text("id") }))
        {
            var person = await Json.ReadAsync(merged);
            Assert.Equal(3, person.GetProperty("emails").GetArrayLength());
            Assert.Equal(2, person.GetProperty("phones").GetArrayLength());
            Assert.Equal(["adviser", "founder"], person.GetProperty("links").EnumerateArray().Select(l => l.Text("role")).Order(StringComparer.Ordinal));
            Assert.False(person.GetProperty("newsletter").GetBoolean());
        }

        Assert.Equal(2, await site.QueryAsync(db => db.Set<PersonConsent>().CountAsync(c => c.PersonId == kept.Text("id"))));
        Assert.Equal(kept.Text("id"), await site.QueryAsync(db => db.Set<Person>().Where(p => p.Id == other.Text("id")).Select(p => p.MergedIntoId).SingleAsync()));
        Assert.Equal(kept.Text("id"), (await Json.GetAsync(staff, $"/api/people/{other.Text("id")}")).Text("id"));
        var found = await Json.GetAsync(staff, $"/api/people?q={Uri.EscapeDataString("+84" + phone[1..])}&organisation={organisation}&tag={Uri.EscapeDataString("nông nghiệp")}");
        Assert.Equal([kept.Text("id")], found.GetProperty("items").EnumerateArray().Select(i => i.Text("id")));
        using (var again = await staff.PostAsJsonAsync($"/api/people/{kept.Text("id")}/merge", new { otherId = other.Text("id") }))
        {
            Assert.Equal(["otherId"], (await Json.ReadAsync(again, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_400_by_field_and_keep_people_from_others_when_the_request_is_wrong(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        using var bad = await staff.PostAsJsonAsync("/api/people", new
        {
            fullName = "", emails = new[] { "not-an-email" }, gender = "x", birthYear = 1800, locality = "nowhere",
            links = new[] { new { organisationId = "nope", role = "boss" } }, consent = new { newsletter = true, source = "import" },
        });
        var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["consent.basis"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        using var bad2 = await staff.PostAsJsonAsync("/api/people", new
        {
            fullName = "", emails = new[] { "not-an-email" }, gender = "x", birthYear = 1800, locality = "nowhere",
            links = new[] { new { organisationId = "nope", role = "boss" } },
        });
        problem = await Json.ReadAsync(bad2, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["birthYear", "emails[0]", "fullName", "gender", "links[0].organisationId", "links[0].role", "locality"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        var (applicant, _, _) = await site.CreateApplicantAsync();
        using (var forbidden = await applicant.GetAsync(new Uri("/api/people", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = site.CreateClient();
        using var unauthorised = await anonymous.PostAsJsonAsync("/api/people", new { fullName = "Ai đó" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_person_for_staff_only_when_searching(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var word = "Khuyết" + Guid.NewGuid().ToString("N")[..10];
        var person = await CreateAsync(staff, new { fullName = $"Hoàng Thị {word}", emails = new[] { $"{word}@example.vn" } });
        await SearchReader.DrainAsync(site);

        Assert.Contains(person.Text("id"), SearchReader.Ids(await SearchReader.SearchTextAsync(staff, word)));
        using var anonymous = site.CreateClient();
        var (applicant, _, _) = await site.CreateApplicantAsync();
        foreach (var client in new[] { anonymous, applicant })
        {
            var results = await SearchReader.SearchTextAsync(client, word);
            Assert.Empty(SearchReader.Ids(results));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_the_user_when_the_email_is_confirmed_before_or_after_the_person_is_saved(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");

        // A user who confirmed already: the person saved with their address (in other case) is theirs.
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var first = await CreateAsync(staff, new { fullName = "Đã đăng ký", emails = new[] { applicant.Email.ToUpperInvariant() } });
        var confirmedUser = await site.QueryAsync(db => db.Users.Where(u => u.Email == applicant.Email).Select(u => u.Id).SingleAsync());
        Assert.Equal(confirmedUser, first.GetProperty("userId").GetString());

        // Their person record is in their download.
        var download = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        using (var file = await Forms.SubmitAsync(applicant.Browser, download, "#download-form", []))
        {
            using var json = JsonDocument.Parse(await file.Content.ReadAsStringAsync());
            Assert.Equal(first.Text("id"), json.RootElement.GetProperty("person").GetProperty("id").GetString());
        }

        // A person first, then a user signing up with the address: linked only once the address is confirmed.
        var email = $"later-{Guid.NewGuid():N}@test.local";
        var second = await CreateAsync(staff, new { fullName = "Đăng ký sau", emails = new[] { email } });
        using var anonymous = site.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "Applicant-Password-1" })).EnsureSuccessStatusCode();
        Assert.Null((await Json.GetAsync(staff, $"/api/people/{second.Text("id")}")).GetProperty("userId").GetString());
        await site.ConfirmEmailAsync(email);
        var user = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(user, (await Json.GetAsync(staff, $"/api/people/{second.Text("id")}")).GetProperty("userId").GetString());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_people_and_founders_by_gender_when_targets_read_the_indicators(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (applicant, _, _) = await site.CreateApplicantAsync();
        var organisation = await OrganisationAsync(applicant);
        var founder = await CreateAsync(staff, new { fullName = "Nhà sáng lập", gender = "female", links = new[] { new { organisationId = organisation, role = "co-founder" } } });
        var adviser = await CreateAsync(staff, new { fullName = "Cố vấn", gender = "male", links = new[] { new { organisationId = organisation, role = "adviser" } } });

        using var scope = site.Services.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IIndicatorSource>().ToDictionary(s => s.Name);
        var people = await sources["people"].RowsAsync(default);
        Assert.Equal(("female", "male"), (people.Single(r => r.Id == founder.Text("id")).Kind, people.Single(r => r.Id == adviser.Text("id")).Kind));
        var founders = (await sources["founders"].RowsAsync(default)).Where(r => r.Organisation == organisation).ToList();
        Assert.Equal([(founder.Text("id"), "female", "co-founder")], founders.Select(r => (r.Id, r.Kind, r.Status)));
        Assert.All(people.Concat(founders), r => Assert.False(r.Public));
    }

    internal static async Task<string> OrganisationAsync(HttpClient applicant)
    {
        using var created = await applicant.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Khởi nghiệp {Guid.NewGuid():N}", summary = "Nông sản sạch" });
        return (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
    }

    private static async Task<JsonElement> CreateAsync(HttpClient staff, object body)
    {
        using var response = await staff.PostAsJsonAsync("/api/people", body);
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }
}
