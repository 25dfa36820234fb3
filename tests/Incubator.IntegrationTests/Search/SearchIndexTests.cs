using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.IntegrationTests.Search;

/// <summary>How each instance's index follows changes (outbox, its own checkpoint), rebuilds and survives pruning.</summary>
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
        await SearchReader.DrainAsync(site);
        var everything = Index(site).Search(new SearchRequest(SearchQuery.Parse(after), SearchFilters.None, SearchScope.Everything));
        Assert.DoesNotContain(item.Id, everything.Items.Select(i => i.ItemId));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_restore_lost_documents_and_drop_stale_ones_when_a_rebuild_is_requested(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var marker = Word();
        var item = await BackOffice.CreateAsync(staff, "organisations", DirectoryPagesTests.Profile($"Viện nghiên cứu {marker}"), publish: true);
        await SearchReader.UntilFoundAsync(client, marker, item.Id);
        await SearchReader.DrainAsync(site);

        // The index loses a document and gains one whose item never existed.
        var ghost = Guid.NewGuid().ToString("N");
        var index = Index(site);
        index.Apply(
            [new SearchDocument { Type = "organisation", ItemId = ghost, Title = $"Ghost {marker}", Url = "/nowhere", Public = true, UpdatedUtc = DateTime.UtcNow }],
            [SearchDocument.KeyOf("organisation", item.Id)],
            index.Checkpoint);
        Assert.Equal([ghost], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));

        var rebuild = await RebuildAsync(site);

        Assert.Equal(SearchRebuildState.Done, rebuild.Status);
        Assert.True(rebuild.Total >= 1 && rebuild.Indexed == rebuild.Total, $"{rebuild.Indexed}/{rebuild.Total}");
        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));
        await site.Services.GetRequiredService<SearchIndexingService>().RunOnceAsync();
        var row = await site.QueryAsync(db => db.SearchCheckpoints.AsNoTracking().SingleAsync(c => c.InstanceId == Instance(site)));
        Assert.Equal(nameof(SearchIndexCondition.Ready), row.Condition);
    }

    /// <summary>
    /// While a rebuild runs, the previous index answers (and says so on /health/ready); once it completes, the new
    /// index holds what the rebuild read. A source whose loading the test holds keeps the rebuild running meanwhile.
    /// </summary>
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_from_the_previous_index_while_a_rebuild_runs_and_from_the_new_one_after(DatabaseProvider provider)
    {
        var held = new HeldSearchSource();
        using var site = new SiteFactory(provider, testServices: services => services.AddSingleton<ISearchSource>(held));
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var (marker, before, after) = (Word(), Word(), Word());
        var item = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Khởi nghiệp {marker}"), publish: true);
        held.Word = before;
        await RebuildAsync(site);
        Assert.Equal([HeldSearchSource.ItemId], SearchReader.Ids(await SearchReader.SearchTextAsync(client, before)));

        held.Word = after;
        using (held.Hold())
        {
            await RequestRebuildAsync(site);
            var status = site.Services.GetRequiredService<SearchIndexStatus>();
            await UntilAsync(() => status.Rebuild is { IsRunning: true, Total: > 0 }, "the rebuild did not start");

            // The rebuild waits on the held source: the previous index answers, whole, and the health check says why.
            Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));
            Assert.Equal([HeldSearchSource.ItemId], SearchReader.Ids(await SearchReader.SearchTextAsync(client, before)));
            Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, after)));
            var health = await site.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "search");
            Assert.Equal(HealthStatus.Degraded, health.Entries["search"].Status);
            Assert.Contains("rebuilding", health.Entries["search"].Description, StringComparison.Ordinal);
            Assert.Equal("running", health.Entries["search"].Data["rebuild"]);
        }

        await SearchReader.DrainAsync(site);
        Assert.Equal(SearchRebuildState.Done, site.Services.GetRequiredService<SearchIndexStatus>().Rebuild.Status);
        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));
        Assert.Equal([HeldSearchSource.ItemId], SearchReader.Ids(await SearchReader.SearchTextAsync(client, after)));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, before)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rebuild_and_take_changes_again_when_the_index_writer_closed_after_a_failure(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        var (kept, later) = (Word(), Word());
        var first = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Công ty {kept}"), publish: true);
        await SearchReader.DrainAsync(site);

        // Lucene closes a writer for good after a failure it cannot recover from, as when a disk fails mid-commit.
        Index(site).CurrentWriter.Dispose();
        var second = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Công ty {later}"), publish: true);
        Assert.Contains(first.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, kept)));

        // The change cannot be applied to that generation: the instance rebuilds from the database and finds it.
        await SearchReader.DrainAsync(site);
        Assert.False(Index(site).WriterFailed);
        Assert.Contains(second.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, later, second.Id)));
        Assert.Contains(first.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, kept)));

        // And the new generation takes the next change as usual.
        var third = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Công ty {later} ba"), publish: true);
        Assert.Contains(third.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, later, third.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rebuild_the_index_when_its_folder_is_corrupt_at_start(DatabaseProvider provider)
    {
        var first = sites[provider];
        using var staff = await first.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var item = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Bền bỉ {marker}"), publish: true);
        var folder = Path.Combine(Path.GetTempPath(), "incubator-tests", "search-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Search:IndexPath"] = folder };
        try
        {
            using (var second = new SiteFactory(first, settings))
            {
                await SearchReader.DrainAsync(second);
                using var client = second.CreateClient();
                Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker)));
            }

            // Every file of the stopped instance's index overwritten, the pointer to its generation aside.
            var files = System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != LuceneSearchIndex.PointerFile).ToList();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                await File.WriteAllBytesAsync(file, [.. Enumerable.Repeat((byte)0x5a, 64)]);
            }

            using var third = new SiteFactory(first, settings);
            await SearchReader.DrainAsync(third);
            Assert.Equal(SearchRebuildState.Done, third.Services.GetRequiredService<SearchIndexStatus>().Rebuild.Status);
            Assert.Equal(SearchIndexCondition.Ready, Index(third).Condition);
            using var thirdClient = third.CreateClient();
            Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(thirdClient, marker)));
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
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
        await SearchReader.DrainAsync(site);
        var index = Index(site);
        index.Apply([], [SearchDocument.KeyOf("startup", first.Id), SearchDocument.KeyOf("startup", second.Id)], index.Checkpoint);

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
            var fastTx = await site.QueryAsync(db => db.SearchOutbox.Where(o => o.Id == fastId).Select(o => o.TxId).SingleAsync());

            // The later row is committed, but applying it would move the checkpoint past the open transaction's row.
            await site.Services.GetRequiredService<SearchIndexingService>().DrainAsync();
            Assert.True(SearchOutboxReader.IsAfter(new IndexCheckpoint(fastTx, fastId), index.Checkpoint), "the indexer waited for the open transaction");
            Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, late)));
            await open.CommitAsync();
        }

        Assert.Contains(first.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, early, first.Id)));
        Assert.Contains(second.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(client, late, second.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_index_every_change_in_each_instance_when_two_instances_share_the_database(DatabaseProvider provider)
    {
        var first = sites[provider];
        using var second = new SiteFactory(first);
        using var staffA = await first.CreateBrowserUserAsync("Staff");
        using var staffB = await second.CreateBrowserUserAsync("Staff");
        var marker = Word();

        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            BackOffice.CreateAsync(i % 2 == 0 ? staffA : staffB, "startups", DirectoryPagesTests.Profile($"Dự án {i} {marker}"), publish: true)));

        foreach (var site in new[] { first, second })
        {
            using var client = site.CreateClient();
            var results = await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == created.Length, "&pageSize=50");
            Assert.Equal(created.Select(c => c.Id).Order(), SearchReader.Ids(results).Order());
        }

        // The outbox stays for every instance to read; each index is past every row of it.
        var ids = created.Select(c => c.Id).ToList();
        Assert.Equal(created.Length, await first.QueryAsync(db => db.SearchOutbox.Where(o => ids.Contains(o.ItemId)).Select(o => o.ItemId).Distinct().CountAsync()));
        await SearchReader.DrainAsync(first);
        await SearchReader.DrainAsync(second);
        Assert.Equal(0, await SearchReader.BacklogAsync(first));
        Assert.Equal(0, await SearchReader.BacklogAsync(second));
    }

    /// <summary>
    /// Two hosts over one PostgreSQL, each with its own index folder: a change saved through A reaches B's index once
    /// B applies its outbox, and then both are at the end of the outbox, each reporting its own row.
    /// </summary>
    [PostgresFact]
    public async Task Should_find_through_host_b_what_was_saved_through_host_a_when_two_hosts_share_postgres()
    {
        var a = sites[DatabaseProvider.Postgres];
        using var b = new SiteFactory(a, new Dictionary<string, string?> { ["Search:PollInterval"] = "00:00:00" });
        using var staff = await a.CreateBrowserUserAsync("Staff");
        using var clientB = b.CreateClient();
        await SearchReader.DrainAsync(b);
        var marker = Word();

        var item = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Hai máy {marker}"), publish: true);
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(clientB, marker))); // B's loop is off: nothing applied yet
        await SearchReader.DrainAsync(b);

        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(clientB, marker)));
        using var clientA = a.CreateClient();
        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.UntilFoundAsync(clientA, marker, item.Id)));
        await SearchReader.DrainAsync(a);
        Assert.Equal((0, 0), (await SearchReader.BacklogAsync(a), await SearchReader.BacklogAsync(b)));
        Assert.Equal(Index(a).Checkpoint, Index(b).Checkpoint);

        // B's row says where B is, whatever A reported.
        await b.Services.GetRequiredService<SearchIndexingService>().RunOnceAsync();
        var rows = await a.QueryAsync(db => db.SearchCheckpoints.AsNoTracking().ToListAsync());
        var rowB = rows.Single(r => r.InstanceId == Instance(b));
        Assert.Equal(Index(b).Checkpoint, rowB.Checkpoint);
        Assert.Contains(rows, r => r.InstanceId == Instance(a));
    }

    /// <summary>
    /// Pruning deletes rows older than the retention and records the highest it deleted; an index whose checkpoint is
    /// behind that watermark may have missed a row, and rebuilds: without the rebuild, B would never find the item
    /// whose row was pruned before B applied it.
    /// </summary>
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rebuild_a_lagging_index_when_the_outbox_was_pruned_past_its_checkpoint(DatabaseProvider provider)
    {
        using var a = new SiteFactory(provider);
        using var b = new SiteFactory(a, new Dictionary<string, string?> { ["Search:PollInterval"] = "00:00:00", ["Search:OutboxRetention"] = "00:00:00.001" });
        using var staff = await a.CreateBrowserUserAsync("Staff");
        using var clientB = b.CreateClient();
        var service = b.Services.GetRequiredService<SearchIndexingService>();
        await SearchReader.DrainAsync(b);
        var builtBefore = Index(b).BuiltUtc;
        var marker = Word();

        var item = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Bị cắt {marker}"), publish: true);
        await SearchReader.DrainAsync(a);
        var lastRow = await a.QueryAsync(db => db.SearchOutbox.Where(o => o.ItemId == item.Id).OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync());
        await Task.Delay(20); // older than B's retention of a millisecond

        Assert.True(await service.PruneOutboxAsync(force: true) > 0);
        Assert.False(await a.QueryAsync(db => db.SearchOutbox.AnyAsync(o => o.Id == lastRow)));
        var state = await a.QueryAsync(db => db.SearchIndexState.AsNoTracking().SingleAsync());
        Assert.True(state.PrunedId >= lastRow);
        Assert.True(SearchOutboxReader.IsAfter(state.Pruned, Index(b).Checkpoint), "B lags behind the watermark");
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(clientB, marker)));

        await SearchReader.DrainAsync(b);

        Assert.Equal([item.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(clientB, marker)));
        Assert.NotEqual(builtBefore, Index(b).BuiltUtc);
        Assert.False(SearchOutboxReader.IsAfter(state.Pruned, Index(b).Checkpoint));
        var lease = await a.QueryAsync(db => db.Set<Incubator.Web.Infrastructure.JobLease>().AsNoTracking().SingleAsync(j => j.Name == SearchIndexingService.PruneJob));
        Assert.Matches("^[1-9][0-9]* rows pruned$", lease.LastResult ?? string.Empty);
    }

    private static LuceneSearchIndex Index(SiteFactory site) => site.Services.GetRequiredService<LuceneSearchIndex>();

    private static string Instance(SiteFactory site) => site.Services.GetRequiredService<Incubator.Web.Infrastructure.SiteInstance>().Id;

    private static async Task RequestRebuildAsync(SiteFactory site)
    {
        using var scope = site.Services.CreateScope();
        await SearchIndexStateStore.RequestRebuildAsync(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>(), site.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    /// <summary>Asks for a rebuild and waits for this instance's to end.</summary>
    private static async Task<SearchRebuildState> RebuildAsync(SiteFactory site)
    {
        await RequestRebuildAsync(site);
        await SearchReader.DrainAsync(site);
        return site.Services.GetRequiredService<SearchIndexStatus>().Rebuild;
    }

    private static async Task UntilAsync(Func<bool> done, string message)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < SearchReader.Patience, message);
            await Task.Delay(20);
        }
    }
}
