namespace Incubator.Web.Features.People;

/// <summary>
/// The codes the API and the forms write genders and roles in ("female", "co-founder"), and the English keys of their
/// names, which the localiser turns into Vietnamese (sáng lập, đồng sáng lập...).
/// </summary>
internal static class PersonCodes
{
    public static readonly IReadOnlyList<(PersonRole Role, string Code, string Label)> Roles =
    [
        (PersonRole.Founder, "founder", "Founder"),
        (PersonRole.CoFounder, "co-founder", "Co-founder"),
        (PersonRole.Ceo, "ceo", "CEO"),
        (PersonRole.TeamMember, "team-member", "Team member"),
        (PersonRole.ContactPerson, "contact-person", "Contact person"),
        (PersonRole.Adviser, "adviser", "Adviser"),
        (PersonRole.Investor, "investor", "Investor"),
    ];

    public static readonly IReadOnlyList<(PersonGender Gender, string Code, string Label)> Genders =
    [
        (PersonGender.Female, "female", "Female"),
        (PersonGender.Male, "male", "Male"),
        (PersonGender.Other, "other", "Other"),
    ];

    public static string Code(PersonRole role) => Roles.First(r => r.Role == role).Code;

    public static string Label(PersonRole role) => Roles.First(r => r.Role == role).Label;

    public static string Code(PersonGender gender) => Genders.First(g => g.Gender == gender).Code;

    public static string Label(PersonGender gender) => Genders.First(g => g.Gender == gender).Label;

    public static PersonRole? RoleOf(string? code) => Roles.FirstOrDefault(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } found ? found.Role : null;

    public static PersonGender? GenderOf(string? code) => Genders.FirstOrDefault(g => string.Equals(g.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } found ? found.Gender : null;

    /// <summary>The English key of a consent source's name.</summary>
    public static string Label(ConsentSource source) => source switch
    {
        ConsentSource.Registration => "Registration form",
        ConsentSource.Import => "Import",
        ConsentSource.Staff => "Staff entry",
        ConsentSource.Unsubscribe => "Unsubscribe link",
        _ => "Account page",
    };
}
