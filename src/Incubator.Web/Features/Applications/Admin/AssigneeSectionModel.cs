namespace Incubator.Web.Features.Applications.Admin;

/// <summary>What the application page's officer section shows: who looks after it, and for staff the form to change that.</summary>
internal sealed record AssigneeSectionModel(string ApplicationId, string? AssigneeId, string? AssigneeName, bool MayAssign, IReadOnlyList<StaffMember> Staff);
