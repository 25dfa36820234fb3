using Incubator.Core.Content;

namespace Incubator.UnitTests.Content;

public sealed class ContentVersionsTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static TestItem NewVersion(int version, bool latest, bool published, params string[] tags) => new()
    {
        Id = version * 10,
        ContentItemId = "item-1",
        Version = version,
        Latest = latest,
        Published = published,
        PublishedUtc = published ? Now.AddDays(-version) : null,
        Title = $"Title v{version}",
        Slug = "title",
        Tags = [.. tags],
    };

    [Fact]
    public void Should_return_latest_itself_when_editing_an_unpublished_latest_version()
    {
        var draft = NewVersion(1, latest: true, published: false);
        List<TestItem> versions = [draft];

        var (edited, isNew) = ContentVersions.Edit(versions);

        Assert.False(isNew);
        Assert.Same(draft, edited);
        Assert.True(edited.Latest);
        Assert.Single(versions);
    }

    [Fact]
    public void Should_return_pending_draft_when_editing_item_with_draft_over_published_version()
    {
        var published = NewVersion(1, latest: false, published: true);
        var draft = NewVersion(2, latest: true, published: false);
        List<TestItem> versions = [published, draft];

        var (edited, isNew) = ContentVersions.Edit(versions);

        Assert.False(isNew);
        Assert.Same(draft, edited);
        Assert.True(published.Published);
    }

    [Fact]
    public void Should_create_new_draft_when_editing_a_published_latest_version()
    {
        var older = NewVersion(1, latest: false, published: false);
        var published = NewVersion(2, latest: true, published: true, "agri", "tech");
        List<TestItem> versions = [older, published];

        var (draft, isNew) = ContentVersions.Edit(versions);

        Assert.True(isNew);
        Assert.NotSame(published, draft);
        Assert.Equal(3, draft.Version);
        Assert.True(draft.Latest);
        Assert.False(draft.Published);
        Assert.Null(draft.PublishedUtc);
        Assert.Equal(0, draft.Id);
        Assert.Equal(published.ContentItemId, draft.ContentItemId);
        Assert.Equal(published.Title, draft.Title);
        Assert.Equal(["agri", "tech"], draft.Tags);

        // The public keeps seeing the published version until the draft is published.
        Assert.False(published.Latest);
        Assert.True(published.Published);
        Assert.NotNull(published.PublishedUtc);
    }

    [Fact]
    public void Should_number_new_draft_after_highest_version_when_versions_are_unordered()
    {
        var published = NewVersion(5, latest: true, published: true);
        List<TestItem> versions = [NewVersion(3, latest: false, published: false), published, NewVersion(1, latest: false, published: false)];

        var (draft, _) = ContentVersions.Edit(versions);

        Assert.Equal(6, draft.Version);
    }

    [Fact]
    public void Should_copy_collections_when_cloning_a_published_version()
    {
        var published = NewVersion(1, latest: true, published: true, "agri");
        List<TestItem> versions = [published];

        var (draft, _) = ContentVersions.Edit(versions);
        draft.Tags.Add("tech");
        draft.Tags[0] = "changed";
        draft.Title = "New title";

        Assert.NotSame(published.Tags, draft.Tags);
        Assert.Equal(["agri"], published.Tags);
        Assert.Equal("Title v1", published.Title);
    }

    [Fact]
    public void Should_retire_previous_published_version_when_publishing_a_draft()
    {
        var published = NewVersion(1, latest: false, published: true);
        var draft = NewVersion(2, latest: true, published: false);
        List<TestItem> versions = [published, draft];

        var changed = ContentVersions.Publish(versions, Now);

        Assert.True(changed);
        Assert.True(draft.Published);
        Assert.Equal(Now, draft.PublishedUtc);
        Assert.False(published.Published);
        Assert.Same(draft, Assert.Single(versions, v => v.Published));
        Assert.Equal(2, versions.Count);
    }

    [Fact]
    public void Should_publish_first_version_when_nothing_was_published()
    {
        var draft = NewVersion(1, latest: true, published: false);
        List<TestItem> versions = [draft];

        Assert.True(ContentVersions.Publish(versions, Now));
        Assert.True(draft.Published);
        Assert.Equal(Now, draft.PublishedUtc);
    }

    [Fact]
    public void Should_return_false_when_publishing_an_already_published_latest_version()
    {
        var published = NewVersion(1, latest: true, published: true);
        var publishedUtc = published.PublishedUtc;
        List<TestItem> versions = [published];

        var changed = ContentVersions.Publish(versions, Now);

        Assert.False(changed);
        Assert.True(published.Published);
        Assert.Equal(publishedUtc, published.PublishedUtc);
    }

    [Fact]
    public void Should_clear_published_when_unpublishing()
    {
        var published = NewVersion(1, latest: false, published: true);
        var draft = NewVersion(2, latest: true, published: false);
        List<TestItem> versions = [published, draft];

        var changed = ContentVersions.Unpublish(versions);

        Assert.True(changed);
        Assert.All(versions, v => Assert.False(v.Published));
        Assert.Equal(2, versions.Count);
        Assert.True(draft.Latest);
    }

    [Fact]
    public void Should_return_false_when_unpublishing_and_nothing_was_published()
    {
        List<TestItem> versions = [NewVersion(1, latest: true, published: false)];

        Assert.False(ContentVersions.Unpublish(versions));
    }

    [Fact]
    public void Should_keep_all_versions_and_mark_them_deleted_when_deleting()
    {
        var v1 = NewVersion(1, latest: false, published: false);
        var v2 = NewVersion(2, latest: false, published: true);
        var v3 = NewVersion(3, latest: true, published: false);
        List<TestItem> versions = [v1, v2, v3];

        ContentVersions.Delete(versions, Now);

        Assert.Equal(3, versions.Count);
        Assert.All(versions, v =>
        {
            Assert.Equal(Now, v.DeletedUtc);
            Assert.False(v.Published);
        });
        Assert.True(v3.Latest);
    }

    [Fact]
    public void Should_throw_not_found_when_reading_latest_of_a_deleted_item()
    {
        List<TestItem> versions = [NewVersion(1, latest: true, published: true)];
        ContentVersions.Delete(versions, Now);

        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Latest(versions));
    }

    [Fact]
    public void Should_throw_not_found_when_editing_a_deleted_item()
    {
        List<TestItem> versions = [NewVersion(1, latest: true, published: true)];
        ContentVersions.Delete(versions, Now);

        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Edit(versions));
    }

    [Fact]
    public void Should_throw_not_found_when_deleting_or_publishing_a_deleted_item()
    {
        List<TestItem> versions = [NewVersion(1, latest: true, published: false)];
        ContentVersions.Delete(versions, Now);

        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Delete(versions, Now));
        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Publish(versions, Now));
        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Unpublish(versions));
    }

    [Fact]
    public void Should_throw_not_found_when_there_are_no_versions()
    {
        List<TestItem> versions = [];

        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Latest(versions));
        Assert.Throws<ContentNotFoundException>(() => ContentVersions.Edit(versions));
    }

    [Fact]
    public void Should_return_the_latest_version_when_a_draft_is_pending()
    {
        var published = NewVersion(1, latest: false, published: true);
        var draft = NewVersion(2, latest: true, published: false);

        Assert.Same(draft, ContentVersions.Latest(new List<TestItem> { published, draft }));
    }

    [Fact]
    public void Should_throw_invalid_operation_when_no_version_is_latest()
    {
        List<TestItem> versions = [NewVersion(1, latest: false, published: true)];

        Assert.Throws<InvalidOperationException>(() => ContentVersions.Latest(versions));
    }

    [Fact]
    public void Should_keep_one_latest_and_one_published_when_editing_then_publishing()
    {
        List<TestItem> versions = [NewVersion(1, latest: true, published: true, "a")];

        var (draft, isNew) = ContentVersions.Edit(versions);
        Assert.True(isNew);
        versions.Add(draft);
        draft.Tags.Add("b");
        Assert.True(ContentVersions.Publish(versions, Now));

        Assert.Same(draft, Assert.Single(versions, v => v.Latest));
        Assert.Same(draft, Assert.Single(versions, v => v.Published));
        Assert.Equal(["a"], versions[0].Tags);
        Assert.Equal(["a", "b"], draft.Tags);
    }
}
