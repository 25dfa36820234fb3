using Incubator.Search;
using Incubator.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Store;
using static Incubator.UnitTests.Search.IndexFolder;

namespace Incubator.UnitTests.Search;

public sealed class LuceneSearchIndexTests
{
    private static readonly DateTime Started = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Should_keep_applied_documents_deletions_and_checkpoint_when_the_index_is_reopened()
    {
        using var folder = new IndexFolder();
        using (var index = folder.Built([Doc("1", "Đổi mới sáng tạo"), Doc("2", "Nông nghiệp công nghệ cao")]))
        {
            index.Apply([Doc("3", "Chuyển đổi số nông nghiệp")], ["news/1"], new IndexCheckpoint(7, 42));

            Assert.Equal(2, index.DocumentCount);
            Assert.Equal(2, index.Search(Request("nong nghiep")).Total);
        }

        using var reopened = folder.Open();

        Assert.Equal(SearchIndexCondition.Ready, reopened.Condition);
        Assert.Equal(new IndexCheckpoint(7, 42), reopened.Checkpoint);
        Assert.Equal(Started, reopened.BuiltUtc);
        Assert.Equal(["2", "3"], reopened.Search(Request("nông nghiệp")).Items.Select(h => h.ItemId).Order());
        Assert.Equal(0, reopened.Search(Request("sáng tạo")).Total);
    }

    [Fact]
    public void Should_refuse_a_second_open_of_the_same_folder_rather_than_take_it_for_corrupt()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built([Doc("1", "Dược liệu")]);

        Assert.Throws<LockObtainFailedException>(() => folder.Open());
        Assert.Equal(1, index.Search(Request("duoc")).Total);
        Assert.Single(System.IO.Directory.GetDirectories(folder.Path));
    }

    [Fact]
    public void Should_replace_a_document_by_key_when_it_is_applied_again()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built([Doc("1", "Dược liệu")]);

        index.Apply([Doc("1", "Cà phê")], [], new IndexCheckpoint(0, 2));
        index.Apply([Doc("1", "Cà phê")], [], new IndexCheckpoint(0, 2));

        Assert.Equal(1, index.DocumentCount);
        Assert.Equal(0, index.Search(Request("dược liệu")).Total);
        Assert.Equal("Cà phê", Assert.Single(index.Search(Request("ca phe")).Items).Title);
    }

    [Fact]
    public void Should_open_empty_and_say_missing_when_there_is_no_index_and_keep_nothing_applied_before_a_build()
    {
        using var folder = new IndexFolder();
        using (var index = folder.Open())
        {
            Assert.Equal(SearchIndexCondition.Missing, index.Condition);
            Assert.Equal(IndexCheckpoint.Start, index.Checkpoint);
            Assert.Null(index.BuiltUtc);
            Assert.Equal(0, index.Search(Request("anything")).Total);
            Assert.Empty(index.Suggest("any", SearchScope.Public));

            // Changes before the first build answer at once, but an index that never held everything must not
            // come back after a restart as if it were complete.
            index.Apply([Doc("1", "Dược liệu")], [], new IndexCheckpoint(0, 5));
            Assert.Equal(1, index.Search(Request("duoc lieu")).Total);
        }

        using var reopened = folder.Open();
        Assert.Equal(SearchIndexCondition.Missing, reopened.Condition);
        Assert.Equal(IndexCheckpoint.Start, reopened.Checkpoint);
        Assert.Equal(0, reopened.DocumentCount);
    }

    [Fact]
    public void Should_open_empty_and_say_corrupt_when_the_files_hold_garbage_and_recover_with_a_rebuild()
    {
        using var folder = new IndexFolder();
        folder.Built([Doc("1", "Dược liệu"), Doc("2", "Cà phê")]).Dispose();
        var generation = Path.Combine(folder.Path, File.ReadAllText(Path.Combine(folder.Path, LuceneSearchIndex.PointerFile)).Trim());
        var garbage = new Random(15);
        foreach (var file in System.IO.Directory.GetFiles(generation))
        {
            var bytes = new byte[(int)new FileInfo(file).Length];
            garbage.NextBytes(bytes);
            File.WriteAllBytes(file, bytes);
        }

        using var index = folder.Open();

        Assert.Equal(SearchIndexCondition.Corrupt, index.Condition);
        Assert.Equal(0, index.Search(Request("duoc lieu")).Total);
        Assert.True(System.IO.Directory.Exists(generation)); // left for the rebuild to replace

        using (var build = index.BeginRebuild(Started))
        {
            build.Add([Doc("1", "Dược liệu")]);
            build.Complete(new IndexCheckpoint(0, 3));
        }

        Assert.Equal(SearchIndexCondition.Ready, index.Condition);
        Assert.Equal(1, index.Search(Request("duoc lieu")).Total);
        Assert.False(System.IO.Directory.Exists(generation));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a generation")]
    [InlineData("../..")]
    [InlineData("999")]
    public void Should_say_corrupt_when_the_pointer_names_no_generation(string content)
    {
        using var folder = new IndexFolder();
        folder.Built([Doc("1", "Dược liệu")]).Dispose();
        File.WriteAllText(Path.Combine(folder.Path, LuceneSearchIndex.PointerFile), content);

        using var index = folder.Open();

        Assert.Equal(SearchIndexCondition.Corrupt, index.Condition);
        Assert.Equal(0, index.Search(Request("duoc")).Total);
    }

    [Fact]
    public void Should_say_outdated_and_keep_answering_from_the_old_index_until_the_rebuild_completes()
    {
        using var folder = new IndexFolder();
        folder.Built([Doc("1", "Dược liệu")], new IndexCheckpoint(3, 9)).Dispose();
        StampAnalyzerVersion(folder, SearchAnalyzers.Version - 1);

        using var index = folder.Open();

        Assert.Equal(SearchIndexCondition.Outdated, index.Condition);
        Assert.Equal(new IndexCheckpoint(3, 9), index.Checkpoint);
        Assert.Equal(1, index.Search(Request("dược liệu")).Total);

        // Applying to the old index keeps it outdated: only a rebuild makes it current.
        index.Apply([Doc("2", "Cà phê")], [], new IndexCheckpoint(3, 10));
        using (var reopened = OpenSecondTime(index, folder))
        {
            Assert.Equal(SearchIndexCondition.Outdated, reopened.Condition);
            Assert.Equal(new IndexCheckpoint(3, 10), reopened.Checkpoint);

            using (var build = reopened.BeginRebuild(Started.AddDays(1)))
            {
                build.Add([Doc("1", "Dược liệu"), Doc("2", "Cà phê"), Doc("3", "Chè")]);
                Assert.Equal(2, reopened.Search(Request(null)).Total);
                build.Complete(new IndexCheckpoint(3, 10));
            }

            Assert.Equal(SearchIndexCondition.Ready, reopened.Condition);
            Assert.Equal(3, reopened.Search(Request(null)).Total);
            Assert.Equal(Started.AddDays(1), reopened.BuiltUtc);
        }

        using var third = folder.Open();
        Assert.Equal(SearchIndexCondition.Ready, third.Condition);
        Assert.Equal(3, third.DocumentCount);
    }

    [Fact]
    public void Should_take_the_builds_checkpoint_and_drop_the_old_generation_when_a_rebuild_completes()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built([Doc("1", "Dược liệu")], new IndexCheckpoint(0, 10));
        var build = index.BeginRebuild(Started.AddDays(2));
        build.Add([Doc("1", "Dược liệu"), Doc("2", "Cà phê")]);

        // The live index keeps taking changes during the build; the host applies them again from the build's
        // checkpoint once it is in place.
        index.Apply([Doc("3", "Chè")], [], new IndexCheckpoint(0, 12));
        Assert.Equal(2, index.Search(Request(null)).Total);

        build.Complete(new IndexCheckpoint(0, 11));
        build.Dispose();

        Assert.Equal(new IndexCheckpoint(0, 11), index.Checkpoint);
        Assert.Equal(2, index.Search(Request(null)).Total);
        index.Apply([Doc("3", "Chè")], [], new IndexCheckpoint(0, 12));
        Assert.Equal(3, index.Search(Request(null)).Total);
        Assert.Single(System.IO.Directory.GetDirectories(folder.Path));
    }

    [Fact]
    public void Should_leave_the_live_index_as_it_was_when_a_build_is_abandoned()
    {
        using var folder = new IndexFolder();
        using (var index = folder.Built([Doc("1", "Dược liệu")], new IndexCheckpoint(0, 4)))
        {
            using (var build = index.BeginRebuild(Started.AddDays(3)))
            {
                build.Add([Doc("2", "Cà phê")]);
            }

            Assert.Equal(1, index.Search(Request(null)).Total);
        }

        using var reopened = folder.Open();
        Assert.Equal(SearchIndexCondition.Ready, reopened.Condition);
        Assert.Equal(new IndexCheckpoint(0, 4), reopened.Checkpoint);
        Assert.Equal("1", Assert.Single(reopened.Search(Request(null)).Items).ItemId);
    }

    [Fact]
    public async Task Should_keep_answering_every_search_while_rebuilds_swap_generations()
    {
        using var folder = new IndexFolder();
        var small = Enumerable.Range(1, 50).Select(i => Doc($"{i}", $"Khởi nghiệp {i}")).ToList();
        var large = Enumerable.Range(1, 80).Select(i => Doc($"{i}", $"Khởi nghiệp {i}")).ToList();
        using var index = folder.Built(small);
        using var stop = new CancellationTokenSource();
        var totals = new System.Collections.Concurrent.ConcurrentBag<int>();

        var searches = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var runs = 0;
            while (!stop.IsCancellationRequested || runs == 0)
            {
                var results = index.Search(Request("khoi nghiep", pageSize: 5));
                totals.Add(results.Total);
                Assert.Equal(Math.Min(5, results.Total), results.Items.Count);
                index.Suggest("khởi ngh", SearchScope.Public);
                runs++;
            }
        })).ToList();

        for (var round = 0; round < 6; round++)
        {
            using var build = index.BeginRebuild(Started.AddDays(round));
            build.Add(round % 2 == 0 ? large : small);
            build.Complete(new IndexCheckpoint(0, round));
            index.Apply([Doc("extra", "Khởi nghiệp thêm")], [], new IndexCheckpoint(0, round));
            index.Apply([], ["news/extra"], new IndexCheckpoint(0, round));
        }

        await stop.CancelAsync();
        await Task.WhenAll(searches);

        // Every search saw one complete generation (with or without the extra document), never a half.
        Assert.All(totals, t => Assert.Contains(t, new[] { 50, 51, 80, 81 }));
        Assert.Single(System.IO.Directory.GetDirectories(folder.Path));
    }

    private static LuceneSearchIndex OpenSecondTime(LuceneSearchIndex first, IndexFolder folder)
    {
        first.Dispose();
        return folder.Open();
    }

    /// <summary>Rewrites the current generation's commit as if another analyzer version had built it.</summary>
    private static void StampAnalyzerVersion(IndexFolder folder, int version)
    {
        var generation = Path.Combine(folder.Path, File.ReadAllText(Path.Combine(folder.Path, LuceneSearchIndex.PointerFile)).Trim());
        using var directory = FSDirectory.Open(generation);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Lucene, SearchAnalyzers.Folded()) { OpenMode = OpenMode.APPEND });
        var data = new Dictionary<string, string>(writer.CommitData)
        {
            ["analyzers"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        writer.SetCommitData(data);
        writer.Commit();
    }
}
