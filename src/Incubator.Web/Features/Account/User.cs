using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Account;

/// <summary>A person who signs in: applicant, reviewer, staff, leader or administrator.</summary>
internal sealed class User : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>
    /// The language the person chose to read the site and its e-mails in ("vi" or "en"), with the language switch or on
    /// their account page. Null until they choose: their e-mails then come in Vietnamese and English.
    /// </summary>
    public string? Language { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>An administrator turned the account off: it cannot sign in and every session of it has ended.</summary>
    public bool Disabled { get; set; }

    public DateTime? DisabledUtc { get; set; }

    /// <summary>The administrator who disabled the account.</summary>
    public string? DisabledById { get; set; }
}

/// <summary>The roles of the product and the policies built on them.</summary>
internal static class Roles
{
    public const string Administrator = "Administrator";
    public const string Staff = "Staff";
    public const string Leader = "Leader";
    public const string Reviewer = "Reviewer";
    public const string Mentor = "Mentor";
    public const string Applicant = "Applicant";

    public static readonly IReadOnlyList<string> All = [Administrator, Staff, Leader, Reviewer, Mentor, Applicant];
}

internal static class Policies
{
    /// <summary>The back office: administrators, staff and leaders.</summary>
    public const string BackOffice = "BackOffice";

    /// <summary>Users and roles, settings.</summary>
    public const string Administration = "Administration";

    /// <summary>Officers' work: programmes, screening, reviewer assignment, milestones. Staff and administrators.</summary>
    public const string Staff = "Staff";
}
