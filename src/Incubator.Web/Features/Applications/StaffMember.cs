namespace Incubator.Web.Features.Applications;

/// <summary>A staff user an application may be assigned to, as lists and menus name them.</summary>
internal sealed record StaffMember(string Id, string Name);
