using Incubator.Core.Time;

namespace Incubator.Web.Features.FollowUps;

/// <summary>How "my tasks" lists tasks: open overdue ones first (oldest due first), then the rest by due date.</summary>
internal static class FollowUpOrder
{
    /// <summary>Today's date in Vietnam, which is what "due" and "overdue" are counted against.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    public static bool IsOverdue(FollowUpTask task, DateOnly today) => task.Status == FollowUpStatus.Open && task.DueOn < today;

    public static IReadOnlyList<FollowUpTask> Sort(IEnumerable<FollowUpTask> tasks, DateOnly today) =>
        [.. tasks.OrderBy(t => IsOverdue(t, today) ? 0 : 1).ThenBy(t => t.DueOn).ThenBy(t => t.CreatedUtc).ThenBy(t => t.Id, StringComparer.Ordinal)];
}
