namespace Incubator.Web.Features.Timeline;

internal enum TimelineSubjectKind
{
    Organisation,
    Person,
}

/// <summary>Whose timeline: an organisation (any directory entry, by its content item id) or a person.</summary>
internal sealed record TimelineSubject(TimelineSubjectKind Kind, string Id);

/// <summary>
/// Who reads the timeline. Staff see every entry their permissions allow; the subject's owner (the organisation's owner,
/// or the person themself) sees only what is theirs to see and never a staff-only entry; a mentor sees what was shared
/// with mentors. The page or endpoint works out these flags once; sources only read them.
/// </summary>
internal sealed record TimelineViewer(string? UserId, bool IsStaff, bool IsOwner, bool IsMentor = false)
{
    /// <summary>Whether an entry of this visibility may be shown to this reader.</summary>
    public bool MaySee(TimelineVisibility visibility) => visibility switch
    {
        TimelineVisibility.Staff => IsStaff,
        TimelineVisibility.StaffAndMentors => IsStaff || IsMentor,
        _ => IsStaff || IsOwner || IsMentor,
    };
}

internal enum TimelineVisibility
{
    /// <summary>Staff, the subject's owner and mentors.</summary>
    Shared,

    /// <summary>Staff and mentors.</summary>
    StaffAndMentors,

    /// <summary>Staff only (reviews, internal notes).</summary>
    Staff,
}

/// <summary>
/// One fact on a timeline: when, its kind (a code a source declares in <see cref="ITimelineSource.Kinds"/>), a title
/// already in the reader's language, who did it (a display name) and a link to the page about it, if the reader may
/// open one.
/// </summary>
internal sealed record TimelineEntry(DateTime AtUtc, string Kind, string Title, string? By, string? Url)
{
    /// <summary>A longer text shown under the title (plain text; the view encodes it).</summary>
    public string? Detail { get; init; }

    public TimelineVisibility Visibility { get; init; }
}

/// <summary>A kind of entry and its label (an English key of vi.json), for the timeline's filter.</summary>
internal sealed record TimelineKind(string Code, string Label);

/// <summary>What to read: the kinds wanted (none: all), entries strictly before a time (for the next page), how many.</summary>
internal sealed record TimelineWindow(IReadOnlySet<string> Kinds, DateTime? BeforeUtc, int Limit)
{
    public bool Wants(string kind) => Kinds.Count == 0 || Kinds.Contains(kind);
}

/// <summary>
/// A feature's entries on organisations' and people's timelines (its applications, interactions, tasks, pipeline moves,
/// ...), registered with <c>services.AddTimelineSource&lt;T&gt;()</c>. A source returns at most
/// <see cref="TimelineWindow.Limit"/> entries of the wanted kinds before <see cref="TimelineWindow.BeforeUtc"/>, newest
/// first, only those the viewer may see (it may also rely on the reader dropping entries whose
/// <see cref="TimelineEntry.Visibility"/> the viewer may not see).
/// </summary>
internal interface ITimelineSource
{
    IReadOnlyList<TimelineKind> Kinds { get; }

    Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken);
}

/// <summary>
/// A button a feature offers beside a timeline (e.g. "Log an interaction", "Add a task"), registered with
/// <c>services.AddTimelineAction&lt;T&gt;()</c>; null when it has nothing for this subject and viewer.
/// </summary>
internal interface ITimelineAction
{
    TimelineLink? For(TimelineSubject subject, TimelineViewer viewer);
}

/// <summary>A link beside the timeline: its label (already localised) and address.</summary>
internal sealed record TimelineLink(string Label, string Url, int Order = 0);
