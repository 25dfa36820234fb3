namespace Incubator.Web.Features.Interactions;

/// <summary>The codes the API and forms use for kinds and visibilities, and their labels (English keys of vi.json).</summary>
internal static class InteractionLabels
{
    public static readonly IReadOnlyList<(InteractionKind Kind, string Code, string Label)> Kinds =
    [
        (InteractionKind.Meeting, "meeting", "Meeting"),
        (InteractionKind.Call, "call", "Call"),
        (InteractionKind.Email, "email", "E-mail"),
        (InteractionKind.SiteVisit, "siteVisit", "Site visit"),
        (InteractionKind.EventAttendance, "eventAttendance", "Event attendance"),
        (InteractionKind.Note, "note", "Note"),
    ];

    /// <summary>The kinds that count as consultations given (the targets' "consultations").</summary>
    public static readonly IReadOnlySet<InteractionKind> Consultations = new HashSet<InteractionKind> { InteractionKind.Meeting, InteractionKind.Call, InteractionKind.SiteVisit };

    public static string Code(InteractionKind kind) => Kinds.First(k => k.Kind == kind).Code;

    public static string Label(InteractionKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static InteractionKind? KindOf(string? code) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } found ? found.Kind : null;

    public static string Code(InteractionVisibility visibility) => visibility == InteractionVisibility.Staff ? "staff" : "staffAndMentors";

    public static string Label(InteractionVisibility visibility) => visibility == InteractionVisibility.Staff ? "Staff only" : "Staff and mentors";

    public static InteractionVisibility? VisibilityOf(string? code) => code?.Trim() switch
    {
        null or "" => InteractionVisibility.Staff,
        var c when c.Equals("staff", StringComparison.OrdinalIgnoreCase) => InteractionVisibility.Staff,
        var c when c.Equals("staffAndMentors", StringComparison.OrdinalIgnoreCase) => InteractionVisibility.StaffAndMentors,
        _ => null,
    };
}
