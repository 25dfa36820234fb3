using System.Text.Json;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Search;

/// <summary>The recipes' "SearchSettings" step: synonyms reach documents already indexed through the rebuild it queues.</summary>
public sealed class SearchSettingsTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly TimeSpan RebuildPatience = TimeSpan.FromSeconds(60);

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_an_item_by_its_abbreviation_when_a_recipe_adds_the_synonym_after_it_was_indexed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var marker = "s" + Guid.NewGuid().ToString("N")[..10];
        var abbreviation = "QX" + marker;
        var item = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Công ty phát triển {marker}"), publish: true);
        await SearchReader.UntilFoundAsync(client, marker, item.Id);
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, abbreviation)));

        var original = await GroupsAsync(site);
        try
        {
            var recipe = Recipe([.. original, [abbreviation, $"phat trien {marker}"]]);
            Assert.Equal(1, (await site.RunRecipeAsync(recipe)).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(recipe)).Changed);

            var found = await UntilAsync(async () => SearchReader.Ids(await SearchReader.SearchTextAsync(client, abbreviation)).Contains(item.Id));
            Assert.True(found, "the rebuild the step queued gave the document its synonym");

            // A document written after the change gets the synonym from the outbox indexer, without a rebuild.
            var later = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Nhóm phát triển {marker}"), publish: true);
            Assert.Contains(later.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, abbreviation, later.Id)));
        }
        finally
        {
            await RestoreAsync(site, original);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_keep_the_synonyms_when_a_group_is_broken(DatabaseProvider provider)
    {
        var site = sites[provider];
        var before = await GroupsAsync(site);

        var single = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe([["một mình"]])));
        var empty = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe([["ĐMST", "!!!"]])));
        var twice = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe([["ĐMST", "đổi mới sáng tạo"], ["doi moi sang tao", "innovation"]])));

        Assert.Contains("$.synonyms", single.Message, StringComparison.Ordinal);
        Assert.Equal("$.synonyms[0][1]", empty.Field);
        Assert.Equal("$.synonyms[1][0]", twice.Field);
        Assert.Equal("SearchSettings", twice.StepName);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(await GroupsAsync(site)));
    }

    private static string Recipe(List<List<string>> groups) =>
        JsonSerializer.Serialize(new { name = "search-settings-test", steps = new object[] { new { name = "SearchSettings", synonyms = groups } } });

    private static async Task<List<List<string>>> GroupsAsync(SiteFactory site)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SearchSettingsStore>().SynonymGroupsAsync();
    }

    /// <summary>Puts the default recipe's synonyms back, so that a later run of it still changes nothing.</summary>
    private static async Task RestoreAsync(SiteFactory site, List<List<string>> groups)
    {
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SearchSettingsStore>().SetSynonymGroupsAsync(groups);
        await site.QueryAsync(db => db.SiteSettings.Where(s => s.Key == "recipe:search-settings-test").ExecuteDeleteAsync());
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + RebuildPatience;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
