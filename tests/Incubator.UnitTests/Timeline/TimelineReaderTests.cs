using Incubator.Web.Features.Timeline;

namespace Incubator.UnitTests.Timeline;

public sealed class TimelineReaderTests
{
    private static readonly DateTime Noon = new(2026, 12, 5, 5, 0, 0, DateTimeKind.Utc);
    private static readonly TimelineSubject Organisation = new(TimelineSubjectKind.Organisation, "org");
    private static readonly TimelineViewer Staff = new("staff", IsStaff: true, IsOwner: false);
    private static readonly TimelineViewer Owner = new("owner", IsStaff: false, IsOwner: true);

    [Fact]
    public async Task Should_merge_the_sources_newest_first_when_several_give_entries()
    {
        var reader = Reader(
            new Source("a", Entry("a", 1), Entry("a", 5)),
            new Source("b", Entry("b", 3), Entry("b", 4)));

        var entries = await reader.ReadAsync(Organisation, Staff, Window(), CancellationToken.None);

        Assert.Equal([5, 4, 3, 1], entries.Select(Minutes));
        Assert.Equal(["a", "b", "b", "a"], entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Should_drop_staff_only_entries_when_the_owner_reads()
    {
        var reader = Reader(new Source("a", Entry("a", 1), Entry("a", 2, TimelineVisibility.Staff), Entry("a", 3, TimelineVisibility.StaffAndMentors)));

        var owner = await reader.ReadAsync(Organisation, Owner, Window(), CancellationToken.None);
        var mentor = await reader.ReadAsync(Organisation, new TimelineViewer("m", false, false, IsMentor: true), Window(), CancellationToken.None);
        var staff = await reader.ReadAsync(Organisation, Staff, Window(), CancellationToken.None);

        Assert.Equal([1], owner.Select(Minutes));
        Assert.Equal([3, 1], mentor.Select(Minutes));
        Assert.Equal([3, 2, 1], staff.Select(Minutes));
    }

    [Fact]
    public async Task Should_keep_the_newest_up_to_the_limit_and_only_before_the_time_when_a_window_is_given()
    {
        var reader = Reader(new Source("a", Entry("a", 1), Entry("a", 2), Entry("a", 6)), new Source("b", Entry("b", 3), Entry("b", 4), Entry("b", 5)));

        var first = await reader.ReadAsync(Organisation, Staff, Window(limit: 2), CancellationToken.None);
        var next = await reader.ReadAsync(Organisation, Staff, Window(limit: 2, before: first[^1].AtUtc), CancellationToken.None);

        Assert.Equal([6, 5], first.Select(Minutes));
        Assert.Equal([4, 3], next.Select(Minutes));
    }

    [Fact]
    public async Task Should_ask_only_the_sources_of_the_wanted_kinds_and_keep_only_those_kinds_when_filtered()
    {
        var other = new Source("b", Entry("b", 2));
        var reader = Reader(new Source("a", Entry("a", 1), Entry("c", 3)), other);

        var entries = await reader.ReadAsync(Organisation, Staff, Window(kinds: ["a"]), CancellationToken.None);

        Assert.Equal(["a"], entries.Select(e => e.Kind));
        Assert.Equal(0, other.Reads);
    }

    [Fact]
    public async Task Should_list_each_kind_once_when_sources_share_a_kind()
    {
        var reader = Reader(new Source("a"), new Source("b"), new Source("a"));

        Assert.Equal(["a", "b"], reader.Kinds.Select(k => k.Code));
        Assert.Empty(await reader.ReadAsync(Organisation, Staff, Window(), CancellationToken.None));
    }

    private static TimelineReader Reader(params ITimelineSource[] sources) => new(sources, []);

    private static TimelineWindow Window(int limit = 50, DateTime? before = null, string[]? kinds = null) =>
        new(new HashSet<string>(kinds ?? [], StringComparer.Ordinal), before, limit);

    private static TimelineEntry Entry(string kind, int minutes, TimelineVisibility visibility = TimelineVisibility.Shared) =>
        new(Noon.AddMinutes(minutes), kind, $"{kind} {minutes}", null, null) { Visibility = visibility };

    private static int Minutes(TimelineEntry entry) => (int)(entry.AtUtc - Noon).TotalMinutes;

    /// <summary>A source that gives its entries as they are, so the reader's own merge, filter and limit are what is tested.</summary>
    private sealed class Source(string kind, params TimelineEntry[] entries) : ITimelineSource
    {
        public int Reads { get; private set; }

        public IReadOnlyList<TimelineKind> Kinds { get; } = [new(kind, kind)];

        public Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<TimelineEntry>>(entries);
        }
    }
}
