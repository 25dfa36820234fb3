using System.Net.Mail;
using Incubator.Core.Time;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.People;

/// <summary>A person's link to an organisation as the API and the form send it; the role is a code ("co-founder").</summary>
internal sealed record PersonLinkInput(string? OrganisationId, string? Role, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// A person as the API and the back-office form send it: every field of the record, replacing what is stored. Lists
/// may be null (nothing); gender is "female", "male" or "other"; locality a code of the locality taxonomy.
/// </summary>
internal sealed record PersonInput(
    string? FullName,
    IReadOnlyList<string>? Emails = null,
    IReadOnlyList<string>? Phones = null,
    string? Gender = null,
    int? BirthYear = null,
    string? Locality = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<PersonLinkInput>? Links = null,
    string? Title = null,
    string? Notes = null);

/// <summary>A <see cref="PersonInput"/> that holds: trimmed, normalised, blank entries dropped, codes read.</summary>
internal sealed record CheckedPerson(
    string FullName,
    IReadOnlyList<(PersonContactKind Kind, string Value, string Normalized)> Contacts,
    PersonGender? Gender,
    int? BirthYear,
    string? Locality,
    IReadOnlyList<string> Tags,
    IReadOnlyList<(string OrganisationId, PersonRole Role, DateOnly? From, DateOnly? To)> Links,
    string? Title,
    string? Notes)
{
    public IEnumerable<string> Emails => Contacts.Where(c => c.Kind == PersonContactKind.Email).Select(c => c.Normalized);

    public IEnumerable<string> Phones => Contacts.Where(c => c.Kind == PersonContactKind.Phone).Select(c => c.Normalized);
}

/// <summary>The rules a person's fields must meet, the same for the API and the back office; messages are English keys.</summary>
internal static class PersonRules
{
    public const int FirstBirthYear = 1900;

    /// <summary>
    /// The input read and checked; on refusal, the messages keyed by the API's field names ("emails[1]",
    /// "links[0].organisationId"). <paramref name="organisations"/> holds the ids that exist among those linked.
    /// </summary>
    public static (CheckedPerson? Person, Dictionary<string, string> Errors) Check(
        PersonInput input, LocalityScope localities, IReadOnlySet<string> organisations, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(localities);
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input.FullName?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors["fullName"] = "Enter the person's full name.";
        }
        else if (name.Length > 200)
        {
            errors["fullName"] = "At most 200 characters.";
        }

        var contacts = new List<(PersonContactKind, string, string)>();
        var seen = new HashSet<(PersonContactKind, string)>();
        for (var i = 0; i < (input.Emails?.Count ?? 0); i++)
        {
            var email = input.Emails![i]?.Trim() ?? string.Empty;
            if (email.Length == 0)
            {
                continue;
            }

            if (email.Length > 256 || !IsEmail(email))
            {
                errors[$"emails[{i}]"] = "This is not a valid e-mail address.";
                continue;
            }

            var normalized = PersonText.NormalizeEmail(email);
            if (seen.Add((PersonContactKind.Email, normalized)))
            {
                contacts.Add((PersonContactKind.Email, email, normalized));
            }
        }

        for (var i = 0; i < (input.Phones?.Count ?? 0); i++)
        {
            var phone = input.Phones![i]?.Trim() ?? string.Empty;
            if (phone.Length == 0)
            {
                continue;
            }

            var normalized = PersonText.NormalizePhone(phone);
            if (phone.Length > 40 || normalized.Length is < 8 or > 15 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')')))
            {
                errors[$"phones[{i}]"] = "This is not a valid phone number.";
                continue;
            }

            if (seen.Add((PersonContactKind.Phone, normalized)))
            {
                contacts.Add((PersonContactKind.Phone, phone, normalized));
            }
        }

        PersonGender? gender = null;
        if (!string.IsNullOrWhiteSpace(input.Gender))
        {
            gender = PersonCodes.GenderOf(input.Gender);
            if (gender is null)
            {
                errors["gender"] = "Gender must be female, male or other.";
            }
        }

        var thisYear = VietnamTime.ToLocal(nowUtc).Year;
        if (input.BirthYear is { } year && (year < FirstBirthYear || year > thisYear))
        {
            errors["birthYear"] = "The year of birth must be between 1900 and this year.";
        }

        var locality = string.IsNullOrWhiteSpace(input.Locality) ? null : input.Locality.Trim();
        if (locality is not null && !localities.Exists(locality))
        {
            errors["locality"] = "There is no such locality.";
        }

        var tags = (input.Tags ?? []).Select(t => t?.Trim() ?? string.Empty).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Any(t => t.Length > 64))
        {
            errors["tags"] = "A tag has at most 64 characters.";
        }

        var links = new List<(string, PersonRole, DateOnly?, DateOnly?)>();
        for (var i = 0; i < (input.Links?.Count ?? 0); i++)
        {
            var link = input.Links![i];
            if (link is null)
            {
                continue;
            }

            var organisationId = link.OrganisationId?.Trim() ?? string.Empty;
            var role = PersonCodes.RoleOf(link.Role);
            if (!organisations.Contains(organisationId))
            {
                errors[$"links[{i}].organisationId"] = "There is no such organisation.";
            }

            if (role is null)
            {
                errors[$"links[{i}].role"] = "Choose a role.";
            }

            if (link.From is { } from && link.To is { } to && to < from)
            {
                errors[$"links[{i}].to"] = "The end cannot come before the start.";
            }

            if (role is { } r && !links.Exists(l => l.Item1 == organisationId && l.Item2 == r))
            {
                links.Add((organisationId, r, link.From, link.To));
            }
        }

        var title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        if (title?.Length > 200)
        {
            errors["title"] = "At most 200 characters.";
        }

        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes?.Length > 4000)
        {
            errors["notes"] = "At most 4000 characters.";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CheckedPerson(name, contacts, gender, input.BirthYear, locality, tags, links, title, notes), errors);
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal);
}
