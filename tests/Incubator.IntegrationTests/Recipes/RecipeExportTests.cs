using System.Net;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Recipes;

/// <summary>
/// A site set up by the default recipe plus programmes, targets and records, exported from the back office and
/// applied to an empty site (one whose set-up recipe only creates the administrator's role).
/// </summary>
public sealed class RecipeExportTests
{
    private const string Extra = """
        {
          "name": "export-test",
          "steps": [
            { "name": "Roles", "roles": [], "permissions": { "Leader": [ "BackOffice", "Staff" ] } },
            { "name": "Settings", "siteName": { "vi": "Cổng thử", "en": "Test portal" }, "owner": { "vi": "Sở KH&CN thử" },
              "contact": { "email": "so@test.local", "phone": "0206 3852 000" } },
            { "name": "ContentFields", "fields": [ { "type": "startup", "name": "OcopStars", "label": { "vi": "Hạng OCOP" }, "kind": "choice",
              "options": [ "3 sao", "4 sao" ], "public": true } ] },
            { "name": "Holidays", "days": [ { "date": "2031-05-02", "name": "Nghỉ bù xuất thử" } ] },
            { "name": "Programmes", "programmes": [ {
              "key": "export-startup-2031", "name": { "vi": "Hỗ trợ khởi nghiệp xuất thử", "en": "Export test startup support" },
              "legalBasis": "Kế hoạch 62/KH-UBND ngày 11/01/2024", "supportType": "innovative-startup", "eligibleKinds": [ "startup" ],
              "rounds": [ { "key": "2031-1", "opensAt": "2031-01-01T00:00:00+07:00", "closesAt": "2031-03-31T23:59:59+07:00" } ],
              "budget": 2000000000, "maxPerApplication": 300000000, "coFundingShare": 0.3,
              "form": [ { "key": "summary", "type": "longtext", "label": { "vi": "Tóm tắt dự án" }, "required": true } ],
              "rubric": { "passMark": 70, "criteria": [ { "key": "novelty", "label": { "vi": "Tính mới" }, "maxPoints": 100 } ] },
              "workflow": "support-approval" } ] },
            { "name": "Targets", "targets": [
              { "key": "export-funded", "title": { "vi": "Doanh nghiệp được hỗ trợ", "en": "Enterprises funded" }, "plan": "Kế hoạch thử",
                "baseline": 1.5, "target": { "min": 15, "max": 20 }, "unit": { "vi": "doanh nghiệp" }, "startYear": 2024, "deadline": 2030,
                "indicator": { "measure": "distinct", "field": "organisation", "source": "decisions", "filter": { "programmes": [ "export-startup-2031" ], "from": "2024-01-01" } } } ] },
            { "name": "Records", "contestEntries": [
              { "key": "export-c1", "title": "Máy tách hạt", "authors": "Nông Văn A", "field": "Cơ khí", "round": "2025", "result": "qualified-national", "appliedInProduction": true, "locality": "cao-bang.bao-lac" } ],
              "technologyTransactions": [
              { "key": "export-t1", "technology": "Nhân giống", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 100000000, "date": "2024-05-01" } ] },
            { "name": "Content", "items": [ { "type": "news", "slug": "tin-xuat-thu", "published": true,
              "fields": { "Title": "Tin xuất thử", "Summary": "Tóm tắt", "Body": "Nội dung" } },
              { "type": "startup", "slug": "khoi-nghiep-xuat-thu", "published": false,
              "fields": { "Title": "Khởi nghiệp xuất thử", "Summary": "Sấy nông sản", "Sectors": [ "agri-hitech", "biotech" ], "Locality": "cao-bang.bao-lac",
                "Stage": "prototype", "FoundedOn": "2023-03-15", "TeamSize": 7, "FundingRaised": 1500000000, "IncubationStatus": "Incubating",
                "OcopStars": "4 sao" } } ] }
          ]
        }
        """;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_give_the_same_configuration_when_the_export_is_applied_to_an_empty_site(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        await RunAsync(source, Extra);
        var json = await DownloadAsync(source, "/admin/recipes/export");

        using var empty = new SiteFactory(provider, fresh: true);
        using var target = EmptySite(empty, Folder(source));
        var before = await SnapshotAsync(target.Services);
        var result = await RunAsync(target, json);
        var again = await RunAsync(source, json);

        Assert.Empty(before.Programmes);
        Assert.True(result.Changed > 0);
        Assert.Equal(0, again.Changed);
        var expected = await SnapshotAsync(source.Services);
        var actual = await SnapshotAsync(target.Services);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(expected.Holidays, actual.Holidays);
        Assert.Equal(expected.WorkflowTypes, actual.WorkflowTypes);
        Assert.Equal(expected.Programmes, actual.Programmes);
        Assert.Equal(expected.Targets, actual.Targets);
        Assert.Equal(expected.Settings, actual.Settings);
        Assert.Equal(expected.CustomFields, actual.CustomFields);
        Assert.Contains(actual.Roles, r => r.StartsWith("Staff:", StringComparison.Ordinal) && r.Contains("=Staff", StringComparison.Ordinal));
        Assert.Contains(actual.Roles, r => r.StartsWith("Leader:", StringComparison.Ordinal) && r.Contains("=Staff", StringComparison.Ordinal));
        Assert.Contains("site:name:en=Test portal", actual.Settings);
        Assert.Contains(actual.Settings, s => s.StartsWith("search:synonyms=", StringComparison.Ordinal));
        Assert.Contains(actual.CustomFields, f => f.StartsWith("startup|OcopStars|", StringComparison.Ordinal));
        Assert.Contains(expected.Programmes, p => p.Contains("export-startup-2031", StringComparison.Ordinal));
        Assert.Contains(expected.Targets, t => t.StartsWith("export-funded|", StringComparison.Ordinal));
        Assert.Contains("2031-05-02 Nghỉ bù xuất thử", actual.Holidays);
        using var scope = target.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().News.AnyAsync(n => n.Slug == "tin-xuat-thu"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_include_content_and_records_when_the_export_asks_for_content(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        await RunAsync(source, Extra);
        var configuration = await DownloadAsync(source, "/admin/recipes/export");
        var withContent = await DownloadAsync(source, "/admin/recipes/export?content=true");

        using var empty = new SiteFactory(provider, fresh: true);
        using var target = EmptySite(empty, Folder(source));
        await RunAsync(target, withContent);

        var configurationSteps = StepNames(configuration);
        Assert.DoesNotContain(configurationSteps, n => n is "Content" or "Records");
        Assert.Subset(configurationSteps.ToHashSet(), new HashSet<string> { "Settings", "Roles", "Taxonomies", "ContentFields", "Holidays", "WorkflowTypes", "Programmes", "Targets", "SearchSettings" });
        Assert.Equal(configurationSteps, StepNames(withContent).Where(n => n is not ("Content" or "Records")));
        Assert.True(StepNames(withContent).IndexOf("ContentFields") < StepNames(withContent).IndexOf("Content"));
        using var scope = target.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        Assert.True(await db.News.AnyAsync(n => n.Slug == "tin-xuat-thu" && n.Published && n.Title == "Tin xuất thử"));
        Assert.True(await db.SitePages.AnyAsync(p => p.Slug == "gioi-thieu" && p.Published));
        var startup = await db.Startups.SingleAsync(x => x.Slug == "khoi-nghiep-xuat-thu");
        Assert.False(startup.Published);
        Assert.Contains("\"4 sao\"", startup.CustomFields, StringComparison.Ordinal);
        Assert.Equal(["agri-hitech", "biotech"], startup.Sectors);
        Assert.Equal(("cao-bang.bao-lac", "prototype", new DateOnly(2023, 3, 15), 7, 1_500_000_000L, Incubator.Web.Features.Directory.IncubationStatus.Incubating),
            (startup.Locality, startup.Stage, startup.FoundedOn, startup.TeamSize, startup.FundingRaised, startup.IncubationStatus));
        var entry = await db.ContestEntries.SingleAsync(c => c.Key == "export-c1");
        Assert.Equal(("Máy tách hạt", "cao-bang.bao-lac", true), (entry.Title, entry.Locality, entry.AppliedInProduction));
        Assert.Equal(100_000_000, (await db.TechnologyTransactions.SingleAsync(t => t.Key == "export-t1")).Value);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_follow_the_recipe_schema_when_the_site_is_exported(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        await RunAsync(source, Extra);
        var schema = RecipeSchema.Parse(await File.ReadAllTextAsync(Path.Combine(Folder(source), "recipe.schema.json")));

        foreach (var url in new[] { "/admin/recipes/export", "/admin/recipes/export?content=true" })
        {
            using var document = JsonDocument.Parse(await DownloadAsync(source, url));
            Assert.Empty(schema.Validate(document.RootElement));
            Assert.Equal(SiteExport.RecipeName, document.RootElement.GetProperty("name").GetString());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_export_the_same_recipe_again_when_a_province_site_is_exported_and_applied_to_an_empty_site(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        using (var scope = source.Services.CreateScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
            await runner.RunByNameAsync("cao-bang");
            await runner.RunByNameAsync("demo");
        }

        var exported = await ExportAsync(source);
        using var empty = new SiteFactory(provider, fresh: true);
        using var target = EmptySite(empty, Folder(source));
        await RunAsync(target, exported);

        Assert.Equal(exported, await ExportAsync(target));
        Assert.Contains("\"cb-", exported, StringComparison.Ordinal);
        Assert.Contains("\"demo-", exported, StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(WebApplicationFactory<Program> site)
    {
        using var scope = site.Services.CreateScope();
        return await SiteExport.ExportAsync(scope.ServiceProvider.GetRequiredService<RecipeExporter>(), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), includeContent: true);
    }

    internal static List<string> StepNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    private static async Task<string> DownloadAsync(SiteFactory site, string url)
    {
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".recipe.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<RecipeResult> RunAsync(WebApplicationFactory<Program> site, string json)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(json);
    }

    private static string Folder(SiteFactory site)
    {
        using var scope = site.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<RecipeRunner>().Folder;
    }

    /// <summary>A site whose first start runs a recipe that only creates the administrator's role: nothing else is set up.</summary>
    private static WebApplicationFactory<Program> EmptySite(SiteFactory factory, string recipes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "incubator-empty-recipes-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(recipes, "recipe.schema.json"), Path.Combine(folder, "recipe.schema.json"));
        File.WriteAllText(Path.Combine(folder, "empty.recipe.json"), """{ "name": "empty", "steps": [ { "name": "Roles", "roles": [ "Administrator" ] } ] }""");
        var site = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Recipes:Path", folder);
            b.UseSetting("Setup:Recipe", "empty");
        });
        _ = site.Server;
        return site;
    }

    private sealed record Snapshot(List<string> Roles, List<string> Terms, List<string> Holidays, List<string> WorkflowTypes, List<string> Programmes, List<string> Targets,
        List<string> Settings, List<string> CustomFields);

    private static async Task<Snapshot> SnapshotAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var claims = await db.RoleClaims.ToListAsync();
        var roles = (await db.Roles.ToListAsync())
            .Select(r => $"{r.Name}:{string.Join(",", claims.Where(c => c.RoleId == r.Id).Select(c => $"{c.ClaimType}={c.ClaimValue}").Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal).ToList();
        var terms = (await db.TaxonomyTerms.ToListAsync())
            .Select(t => $"{t.Taxonomy}|{t.Code}|{t.NameVi}|{t.NameEn}|{t.ParentCode}|{t.Order}").Order(StringComparer.Ordinal).ToList();
        var holidays = (await db.Holidays.ToListAsync()).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}").Order(StringComparer.Ordinal).ToList();
        var types = (await db.WorkflowTypes.ToListAsync())
            .Select(t => $"{t.Key}|{t.Version}|{t.Enabled}|{t.Name}|{t.StartEvent}|{t.Definition}").Order(StringComparer.Ordinal).ToList();
        var programmes = (await db.Programmes.Where(p => p.Published && p.DeletedUtc == null).ToListAsync())
            .Select(p => ProgrammeDefinition.From(p).ToJson()).Order(StringComparer.Ordinal).ToList();
        var targets = (await db.Targets.ToListAsync())
            .Select(t => FormattableString.Invariant($"{t.Key}|{t.TitleVi}|{t.TitleEn}|{t.Plan}|{t.Baseline:0.####}|{t.Min:0.####}|{t.Max:0.####}|{t.UnitVi}|{t.UnitEn}|{t.StartYear}|{t.DeadlineYear}|{t.IndicatorJson}|{t.Order}"))
            .Order(StringComparer.Ordinal).ToList();
        var settings = (await db.SiteSettings.Where(s => s.Key.StartsWith("site:") || s.Key.StartsWith("search:")).ToListAsync())
            .Select(s => $"{s.Key}={s.Value}").Order(StringComparer.Ordinal).ToList();
        var fields = (await db.CustomFields.ToListAsync())
            .Select(f => $"{f.ContentType}|{f.Name}|{f.LabelVi}|{f.LabelEn}|{f.Kind}|{f.Required}|{f.Public}|{f.Searchable}|{f.OptionsJson}|{f.Position}").Order(StringComparer.Ordinal).ToList();
        return new Snapshot(roles, terms, holidays, types, programmes, targets, settings, fields);
    }
}
