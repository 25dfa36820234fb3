using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Incubator.IntegrationTests.Directory;

/// <summary>
/// The public pages most visited run a small fixed number of SQL statements, however many items the site holds: lists
/// and counts come from the search index, settings and taxonomies from the cache, and a profile is read by its slug.
/// A change that reads a table per listed item (or per page again) fails here. The bounds are a little above what the
/// pages run today once the caches are filled: none for the home page, the directories and the API, one for a profile
/// (its row, by the published slug's index).
/// </summary>
public sealed class BrowsingStatementsTests(ITestOutputHelper output)
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_a_small_fixed_number_of_statements_when_the_public_pages_are_served(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider, testServices: StatementCounter.Register);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var profiles = new List<ContentRef>();
        for (var i = 0; i < 5; i++)
        {
            profiles.Add(await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Counted {i} {Guid.NewGuid():N}", "biotech", "cao-bang.hoa-an", "mvp"), publish: true));
        }

        // The home page also shows the programmes open now and the targets' states: neither may cost a statement per visit.
        using var staffApi = await site.CreateUserAsync("Staff");
        await ProgrammeData.CreateProgrammeAsync(staffApi, ProgrammeData.Definition($"counted-{Guid.NewGuid():N}"[..20]));
        await site.RunRecipeAsync("""
            { "name": "counted-targets", "steps": [ { "name": "Targets", "targets": [
              { "key": "counted-startups", "title": { "vi": "Doanh nghiệp khởi nghiệp" }, "plan": "Kế hoạch thử", "target": { "min": 10 }, "unit": { "vi": "doanh nghiệp" },
                "startYear": 2024, "deadline": 2030, "indicator": { "measure": "count", "source": "organisations", "filter": { "kinds": [ "startup" ] } } } ] } ] }
            """);
        await SearchReader.DrainAsync(site);
        var counter = site.Services.GetRequiredService<StatementCounter>();
        using var visitor = site.CreateBrowserClient();
        foreach (var (url, bound) in new[]
                 {
                     ("/", 2),
                     ("/directory/startups?sector=biotech&locality=cao-bang&stage=mvp", 2),
                     ("/directory/startups?sort=newest&p=1", 2),
                     ("/api/directory/startups?sector=biotech&pageSize=100", 2),
                     ($"/directory/startups/{profiles[0].Slug}", 3),
                 })
        {
            await counter.MeasureAsync(visitor, url); // the first visit fills the caches
            var statements = await counter.MeasureAsync(visitor, url);
            output.WriteLine($"{provider} {url}: {statements.Count} statements");
            Assert.True(statements.Count <= bound, $"{url} ran {statements.Count} statements (at most {bound}):\n{string.Join("\n---\n", statements)}");

            // And none of them reads a whole table: every step of SQLite's plans seeks through an index.
            var plans = counter.PlansOf(counter.LastTag);
            Assert.DoesNotContain(plans, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        }
    }
}
