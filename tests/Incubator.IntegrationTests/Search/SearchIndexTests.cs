using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Search;

/// <summary>How the index follows changes (outbox, checkpoint) and rebuilds, on both engines.</summary>
public sealed class SearchIndexTests(Sites sites) : IClassFixture<Sites>
{
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_follow_publish_edit_unpublish_and_delete_when_staff_change_an_item(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var (before, after) = (Word(), Word());
        var item = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Công ty {before}"), publish: false);
        await SearchReader.DrainAsync(site); // whatever the draft queued has been applied: it must stay out of the index
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, before)));

        await BackOffice.PublishAsync(staff, item);
        Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, before, item.Id)));

        // A draft of a published item leaves the public document as it was; publishing the draft replaces it.
        await BackOffice.EditAsync(staff, item, new Dictionary<string, string[]> { ["Title"] = [$"Công ty {after}"], ["Summary"] = ["Sản xuất thiết bị"] }, publish: false);
        await SearchReader.DrainAsync(site);
        Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, before)));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, after)));
        await BackOffice.PublishAsync(staff, item);
        Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, after, item.Id)));
        Assert.Empty(SearchReader.Ids(await SearchReader.UntilGoneAsync(client, before, item.Id)));

        await BackOffice.UnpublishAsync(staff, item);
        Assert.Empty(SearchReader.Ids(await SearchReader.UntilGoneAsync(client, after, item.Id)));
        await BackOffice.PublishAsync(staff, item);
        Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, after, item.Id)));
        await BackOffice.DeleteAsync(staff, item);
        Assert.Empty(SearchReader.Ids(await SearchReader.UntilGoneAsync(client, after, item.Id)));
        Assert.Equal(0, await site.QueryAsync(db => db.SearchDocuments.CountAsync(d => d.ItemId == item.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_restore_lost_documents_and_drop_stale_ones_when_the_index_is_rebuilt(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var marker = Word();
        var item = await BackOffice.CreateAsync(staff, "organisations", DirectoryPagesTests.Profile($"Viện nghiên cứu {marker}"), publish: true);
        await SearchReader.UntilFoundAsync(client, marker, item.Id);

        // The index loses a document and gains one whose item never existed.
        var ghost = Guid.NewGuid().ToString("N");
        await WithIndexAsync(site, async (db, engine) =>
        {
            await engine.DeleteAsync(db, [SearchDocument.KeyOf("organisation", item.Id)]);
            await engine.UpsertAsync(db, [new SearchDocument { Type = "organisation", ItemId = ghost, Title = $"Ghost {marker}", Url = "/nowhere", Public = true, UpdatedUtc = DateTime.UtcNow }]);
        });
        Assert.Equal([ghost], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));

        var state = await RebuildAsync(site);

        Assert.Equal(SearchIndexer.Done, state.RebuildStatus);
        Assert.True(state.RebuildTotal >= 1 && state.RebuildDone == state.RebuildTotal, $"{state.RebuildDone}/{state.RebuildTotal}");
        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_second_rebuild_when_one_is_already_queued(DatabaseProvider provider)
    {
        var site = sites[provider];
        await RebuildAsync(site);
        using var scope = site.Services.CreateScope();
        var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();

        var first = await indexer.RequestRebuildAsync();
        var second = await indexer.RequestRebuildAsync();

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(SearchIndexer.Done, (await WaitForRebuildAsync(site)).RebuildStatus);
    }

    /// <summary>
    /// On PostgreSQL, outbox ids are handed out before transactions commit, so a later id can commit first. The
    /// indexer must not move its checkpoint past a transaction still open: once that commits, its row is applied too.
    /// (SQLite commits writers one at a time, so the case cannot arise there.)
    /// </summary>
    [PostgresFact]
    public async Task Should_apply_a_row_committed_after_a_later_one_when_postgres_transactions_overlap()
    {
        var site = sites[DatabaseProvider.Postgres];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var (early, late) = (Word(), Word());
        var first = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Sớm {early}"), publish: true);
        var second = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Muộn {late}"), publish: true);
        await SearchReader.UntilFoundAsync(client, early, first.Id);
        await SearchReader.UntilFoundAsync(client, late, second.Id);
        await WithIndexAsync(site, (db, engine) => engine.DeleteAsync(db, [SearchDocument.KeyOf("startup", first.Id), SearchDocument.KeyOf("startup", second.Id)]));

        using var slowScope = site.Services.CreateScope();
        var slow = slowScope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        await using (var open = await slow.Database.BeginTransactionAsync())
        {
            slow.SearchOutbox.Add(new SearchOutboxEntry { Type = "startup", ItemId = first.Id, CreatedUtc = DateTime.UtcNow });
            await slow.SaveChangesAsync();
            var slowId = slow.SearchOutbox.Local.Single().Id;

            long fastId;
            using (var fastScope = site.Services.CreateScope())
            {
                var fast = fastScope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
                var row = new SearchOutboxEntry { Type = "startup", ItemId = second.Id, CreatedUtc = DateTime.UtcNow };
                fast.SearchOutbox.Add(row);
                await fast.SaveChangesAsync();
                fastId = row.Id;
            }

            Assert.True(fastId > slowId, "the open transaction holds the lower id");
            // The later row is committed, but applying it would move the checkpoint past the open transaction's row.
            using (var pass = site.Services.CreateScope())
            {
                await pass.ServiceProvider.GetRequiredService<SearchIndexer>().ApplyOutboxAsync();
            }

            Assert.True(await site.QueryAsync(db => db.SearchOutbox.AnyAsync(o => o.Id == fastId)), "the indexer waited for the open transaction");
            await open.CommitAsync();
        }

        Assert.Contains(first.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, early, first.Id)));
        Assert.Contains(second.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, late, second.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_index_every_change_once_when_two_instances_share_the_database(DatabaseProvider provider)
    {
        var first = sites[provider];
        using var second = new SiteFactory(first);
        using var staffA = await first.CreateBrowserUserAsync("Staff");
        using var staffB = await second.CreateBrowserUserAsync("Staff");
        var marker = Word();

        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            BackOffice.CreateAsync(i % 2 == 0 ? staffA : staffB, "startups", DirectoryPagesTests.Profile($"Dự án {i} {marker}"), publish: true)));

        using var client = second.CreateClient();
        var results = await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == created.Length, "&pageSize=50");
        Assert.Equal(created.Select(c => c.Id).Order(), SearchReader.Ids(results).Order());
        Assert.Equal(created.Length, await first.QueryAsync(db => db.SearchDocuments.CountAsync(d => d.Title.Contains(marker))));
        Assert.Equal(0, await first.QueryAsync(async db =>
        {
            var ids = created.Select(c => c.Id).ToList();
            return await db.SearchOutbox.CountAsync(o => ids.Contains(o.ItemId));
        }));
    }

    private static async Task WithIndexAsync(SiteFactory site, Func<IncubatorDbContext, SearchEngine, Task> work)
    {
        using var scope = site.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>(), scope.ServiceProvider.GetRequiredService<SearchEngine>());
    }

    /// <summary>Queues a rebuild (waiting for one already running to end) and waits for it to finish.</summary>
    private static async Task<SearchState> RebuildAsync(SiteFactory site)
    {
        var deadline = DateTime.UtcNow + SearchReader.Patience;
        while (true)
        {
            using var scope = site.Services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RequestRebuildAsync())
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "a rebuild stayed queued or running");
            await Task.Delay(100);
        }

        return await WaitForRebuildAsync(site);
    }

    private static async Task<SearchState> WaitForRebuildAsync(SiteFactory site)
    {
        var deadline = DateTime.UtcNow + SearchReader.Patience;
        while (true)
        {
            var state = await site.QueryAsync(db => db.SearchState.AsNoTracking().SingleAsync());
            if (state.RebuildStatus is SearchIndexer.Done or SearchIndexer.Failed || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(100);
        }
    }
}
