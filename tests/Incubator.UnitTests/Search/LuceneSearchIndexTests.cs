using Incubator.Search;
using static Incubator.UnitTests.Search.IndexFolder;

namespace Incubator.UnitTests.Search;

public sealed class LuceneSearchIndexTests
{
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
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), reopened.BuiltUtc);
        Assert.Equal(["2", "3"], reopened.Search(Request("nông nghiệp")).Items.Select(h => h.ItemId).Order());
        Assert.Equal(0, reopened.Search(Request("sáng tạo")).Total);
    }
}
