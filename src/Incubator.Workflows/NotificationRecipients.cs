namespace Incubator.Workflows;

/// <summary>The catalogue of whom a notify activity may address (its "to"), shared by the engine's validator and the host that sends.</summary>
public static class NotificationRecipients
{
    /// <summary>The owner of the item (e.g. the applicant).</summary>
    public const string Owner = "owner";

    /// <summary>The instance's assignees (e.g. the reviewers of an application).</summary>
    public const string Assignees = "assignees";

    /// <summary>Followed by a role's name: everyone holding that role, e.g. "role:Staff".</summary>
    public const string RolePrefix = "role:";

    /// <summary>Everyone holding <paramref name="role"/>.</summary>
    public static string Role(string role) => RolePrefix + role;

    /// <summary>Whether <paramref name="to"/> is a recipient the engine knows.</summary>
    public static bool IsValid(string? to) =>
        to is Owner or Assignees || (to is not null && to.StartsWith(RolePrefix, StringComparison.Ordinal) && to.Length > RolePrefix.Length);
}
