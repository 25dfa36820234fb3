using System.Globalization;
using System.Net.Mail;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Imports;

/// <summary>The people a checked file would create, each with whether the row gives newsletter consent.</summary>
internal sealed record PeoplePlan(ImportPreview Preview, IReadOnlyList<(Person Person, bool Consent)> People);

/// <summary>
/// Imports people from a sheet: checks every row (values, the locality and organisation they name, e-mails and phones
/// already held by someone in the database or by an earlier row) and, only when no row has an error, creates them all
/// in one transaction, each consent recorded with the import's stated basis and the staff member.
/// </summary>
internal sealed class ImportPeople(IncubatorDbContext db, TaxonomyService taxonomies, TimeProvider clock, IStringLocalizer<ImportPeople> localizer)
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 64;

    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("FullName", "Full name", true, "Họ và tên", "Họ tên", "Full name", "Name"),
        new("Title", "Job title", false, "Chức danh", "Chức vụ", "Title", "Job title"),
        new("Emails", "E-mails", false, "Email", "E-mail", "Emails", "Thư điện tử", "Địa chỉ email"),
        new("Phones", "Phones", false, "Điện thoại", "Số điện thoại", "SĐT", "Phone", "Phones", "Phone number"),
        new("Gender", "Gender", false, "Giới tính", "Gender"),
        new("BirthYear", "Year of birth", false, "Năm sinh", "Year of birth", "Birth year"),
        new("Locality", "Locality", false, "Địa bàn", "Địa phương", "Locality"),
        new("Tags", "Tags", false, "Nhãn", "Thẻ", "Tags"),
        new("Organisation", "Organisation", false, "Tổ chức", "Đơn vị", "Organisation", "Organization", "Company"),
        new("Role", "Role", false, "Vai trò", "Role"),
        new("Newsletter", "Newsletter consent", false, "Đồng ý nhận bản tin", "Nhận bản tin", "Newsletter consent", "Newsletter", "Consent"),
    ];

    /// <summary>The words a cell may name a role by, folded as headers are (Vietnamese and English).</summary>
    private static readonly Dictionary<string, PersonRole> Roles = new(StringComparer.Ordinal)
    {
        ["founder"] = PersonRole.Founder, ["nhasanglap"] = PersonRole.Founder, ["sanglap"] = PersonRole.Founder,
        ["cofounder"] = PersonRole.CoFounder, ["dongsanglap"] = PersonRole.CoFounder,
        ["ceo"] = PersonRole.Ceo, ["giamdoc"] = PersonRole.Ceo, ["giamdocdieuhanh"] = PersonRole.Ceo, ["tonggiamdoc"] = PersonRole.Ceo,
        ["teammember"] = PersonRole.TeamMember, ["member"] = PersonRole.TeamMember, ["thanhvien"] = PersonRole.TeamMember, ["thanhviennhom"] = PersonRole.TeamMember,
        ["contactperson"] = PersonRole.ContactPerson, ["contact"] = PersonRole.ContactPerson, ["nguoilienhe"] = PersonRole.ContactPerson, ["daumoilienhe"] = PersonRole.ContactPerson,
        ["adviser"] = PersonRole.Adviser, ["advisor"] = PersonRole.Adviser, ["covan"] = PersonRole.Adviser,
        ["investor"] = PersonRole.Investor, ["nhadautu"] = PersonRole.Investor,
    };

    private static readonly Dictionary<string, PersonGender> Genders = new(StringComparer.Ordinal)
    {
        ["nu"] = PersonGender.Female, ["female"] = PersonGender.Female, ["f"] = PersonGender.Female,
        ["nam"] = PersonGender.Male, ["male"] = PersonGender.Male, ["m"] = PersonGender.Male,
        ["khac"] = PersonGender.Other, ["other"] = PersonGender.Other,
    };

    private static readonly Dictionary<string, bool> Answers = new(StringComparer.Ordinal)
    {
        ["co"] = true, ["yes"] = true, ["y"] = true, ["x"] = true, ["1"] = true, ["true"] = true, ["dongy"] = true,
        ["khong"] = false, ["no"] = false, ["n"] = false, ["0"] = false, ["false"] = false, ["khongdongy"] = false,
    };

    public async Task<PeoplePlan> CheckAsync(ImportSheet sheet, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var preview = new ImportPreview(ImportKind.People, Columns);
        var people = new List<(Person, bool)>();
        var (cells, ignored, twice) = ImportColumn.Map(Columns, sheet.Headers);
        preview.Ignored.AddRange(ignored);
        foreach (var column in twice)
        {
            preview.FileErrors.Add(localizer["The column \"{0}\" appears twice.", localizer[column.Label].Value].Value);
        }

        foreach (var column in Columns.Where(c => c.Required && !cells.ContainsKey(c.Field)))
        {
            preview.FileErrors.Add(localizer["The file has no column \"{0}\" (its header may be \"{1}\").", localizer[column.Label].Value, column.Headers[0]].Value);
        }

        var rows = sheet.Rows.Select(r => new ImportRow(r.Number, cells.ToDictionary(c => c.Key, c => c.Value < r.Cells.Count ? ImportColumn.Cell(r.Cells[c.Value]) : string.Empty, StringComparer.Ordinal))).ToList();
        preview.Rows.AddRange(rows);
        if (preview.FileErrors.Count > 0)
        {
            return new PeoplePlan(preview, []);
        }

        var localities = new ImportTerms(await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken));
        var organisations = await DirectoryEntries.ReadAsync(db, cancellationToken);
        var held = await HeldContactsAsync(rows, cancellationToken);
        var seen = new Dictionary<(PersonContactKind, string), int>();
        var now = clock.GetUtcNow().UtcDateTime;
        var thisYear = VietnamTime.ToLocal(now).Year;
        foreach (var row in rows)
        {
            var person = new Person { Id = Guid.CreateVersion7().ToString("N"), CreatedUtc = now, ModifiedUtc = now, CreatedBy = userId, ModifiedBy = userId };
            ReadName(row, person);
            ReadContacts(row, person, PersonContactKind.Email, held, seen);
            ReadContacts(row, person, PersonContactKind.Phone, held, seen);
            ReadDetails(row, person, thisYear, localities);
            ReadOrganisation(row, person, organisations);
            var consent = false;
            if (row.Value("Newsletter") is { Length: > 0 } answer)
            {
                if (Answers.TryGetValue(ImportColumn.Fold(answer), out var given))
                {
                    consent = given;
                    preview.HasConsent |= given;
                }
                else
                {
                    row.Refuse("Newsletter", localizer["Newsletter consent \"{0}\" must be yes or no (có or không).", answer].Value);
                }
            }

            people.Add((person, consent));
        }

        return new PeoplePlan(preview, people);
    }

    /// <summary>
    /// Creates every person of a checked plan in one transaction, with a consent row (source Import, the basis, the
    /// staff member) for each row that gives consent. The caller has checked that the plan is importable and that a
    /// basis is given when any row consents.
    /// </summary>
    public async Task<int> ImportAsync(PeoplePlan plan, string? basis, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Preview.Importable || (plan.Preview.HasConsent && string.IsNullOrWhiteSpace(basis)))
        {
            throw new InvalidOperationException("Only a plan with no error, and with a basis for its consents, is imported.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (person, consent) in plan.People)
        {
            db.Add(person);
            if (consent)
            {
                db.Add(new PersonConsent
                {
                    PersonId = person.Id, Purpose = PersonConsent.Newsletter, Given = true, AtUtc = now, Source = ConsentSource.Import,
                    Basis = VietnameseText.ToNfc(basis!.Trim()), ByUserId = userId,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plan.People.Count;
    }

    private void ReadName(ImportRow row, Person person)
    {
        var name = row.Value("FullName");
        if (name.Length == 0)
        {
            row.Refuse("FullName", localizer["The full name is required."].Value);
        }
        else if (name.Length > 200)
        {
            row.Refuse("FullName", localizer["The full name must be at most {0} characters.", 200].Value);
        }

        person.FullName = name;
        person.NormalizedName = PersonText.NormalizeName(name);
    }

    private void ReadContacts(ImportRow row, Person person, PersonContactKind kind, Dictionary<(PersonContactKind, string), string> held, Dictionary<(PersonContactKind, string), int> seen)
    {
        var field = kind == PersonContactKind.Email ? "Emails" : "Phones";
        foreach (var value in Split(row.Value(field)))
        {
            string? normalized;
            var written = value;
            if (kind == PersonContactKind.Email)
            {
                normalized = IsEmail(value) ? PersonText.NormalizeEmail(value) : null;
                if (normalized is null)
                {
                    row.Refuse(field, localizer["E-mail \"{0}\" is not valid.", value].Value);
                    continue;
                }
            }
            else
            {
                written = PhoneAsWritten(value);
                normalized = written is null ? null : PersonText.NormalizePhone(written);
                if (normalized is null || normalized.Length is < 8 or > 15)
                {
                    row.Refuse(field, localizer["Phone \"{0}\" is not a valid phone number.", value].Value);
                    continue;
                }
            }

            if (person.Contacts.Any(c => c.Kind == kind && c.Normalized == normalized))
            {
                continue;
            }

            if (held.TryGetValue((kind, normalized), out var existing))
            {
                row.Refuse(field, localizer["{0} is already in the system.", value].Value, existing);
            }
            else if (seen.TryGetValue((kind, normalized), out var earlier))
            {
                row.Refuse(field, localizer["{0} is already in row {1} of this file.", value, earlier].Value);
            }
            else
            {
                seen[(kind, normalized)] = row.Number;
            }

            person.Contacts.Add(new PersonContact { PersonId = person.Id, Kind = kind, Value = written!, Normalized = normalized });
        }
    }

    private void ReadDetails(ImportRow row, Person person, int thisYear, ImportTerms localities)
    {
        if (row.Value("Title") is { Length: > 0 } title)
        {
            if (title.Length > 200)
            {
                row.Refuse("Title", localizer["The job title must be at most {0} characters.", 200].Value);
            }

            person.Title = title;
        }

        if (row.Value("Gender") is { Length: > 0 } gender)
        {
            if (Genders.TryGetValue(ImportColumn.Fold(gender), out var value))
            {
                person.Gender = value;
            }
            else
            {
                row.Refuse("Gender", localizer["Gender \"{0}\" must be nữ, nam or khác (female, male or other).", gender].Value);
            }
        }

        if (row.Value("BirthYear") is { Length: > 0 } year)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var born) && born >= 1900 && born <= thisYear)
            {
                person.BirthYear = born;
            }
            else
            {
                row.Refuse("BirthYear", localizer["Year of birth \"{0}\" must be a year from 1900 to {1}.", year, thisYear].Value);
            }
        }

        if (row.Value("Locality") is { Length: > 0 } locality)
        {
            var (match, code) = localities.Find(locality);
            if (match == TermMatch.Found)
            {
                person.Locality = code;
            }
            else
            {
                row.Refuse("Locality", match == TermMatch.Ambiguous
                    ? localizer["Locality \"{0}\" names several localities; write its code.", locality].Value
                    : localizer["Locality \"{0}\" is neither a code nor a name of the locality list.", locality].Value);
            }
        }

        var tags = Split(row.Value("Tags")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Count > MaxTags)
        {
            row.Refuse("Tags", localizer["At most {0} tags.", MaxTags].Value);
        }
        else if (tags.FirstOrDefault(t => t.Length > MaxTagLength) is { } longTag)
        {
            row.Refuse("Tags", localizer["Tag \"{0}\" must be at most {1} characters.", longTag, MaxTagLength].Value);
        }

        person.Tags = tags;
    }

    private void ReadOrganisation(ImportRow row, Person person, IReadOnlyList<DirectoryEntry> organisations)
    {
        var named = row.Value("Organisation");
        var roleText = row.Value("Role");
        PersonRole? role = null;
        if (roleText.Length > 0)
        {
            if (Roles.TryGetValue(ImportColumn.Fold(roleText), out var found))
            {
                role = found;
            }
            else
            {
                row.Refuse("Role", localizer["Role \"{0}\" is not known: write founder, co-founder, CEO, team member, contact person, adviser or investor (in Vietnamese or English).", roleText].Value);
            }

            if (named.Length == 0)
            {
                row.Refuse("Role", localizer["A role needs the organisation it is held at."].Value);
            }
        }

        if (named.Length == 0)
        {
            return;
        }

        var byTaxCode = organisations.Where(o => o.TaxCode == named).ToList();
        var normalized = PersonText.NormalizeName(named);
        var matches = byTaxCode.Count > 0 ? byTaxCode : [.. organisations.Where(o => o.NormalizedName == normalized)];
        switch (matches.Count)
        {
            case 0:
                row.Refuse("Organisation", localizer["No directory entry is named \"{0}\" or has it as tax code.", named].Value);
                break;
            case > 1:
                row.Refuse("Organisation", localizer["Several directory entries are named \"{0}\"; write its tax code.", named].Value);
                break;
            default:
                // A spreadsheet often names the organisation without a role: the person is then its contact.
                person.Links.Add(new PersonLink { PersonId = person.Id, OrganisationId = matches[0].Id, Role = role ?? PersonRole.ContactPerson });
                break;
        }
    }

    /// <summary>Who already holds each e-mail and phone the rows name (people merged into another are pointers, not holders).</summary>
    private async Task<Dictionary<(PersonContactKind, string), string>> HeldContactsAsync(IEnumerable<ImportRow> rows, CancellationToken cancellationToken)
    {
        var wanted = rows.SelectMany(r => Split(r.Value("Emails")).Where(IsEmail).Select(PersonText.NormalizeEmail)
                .Concat(Split(r.Value("Phones")).Select(PhoneAsWritten).OfType<string>().Select(PersonText.NormalizePhone)))
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var held = new Dictionary<(PersonContactKind, string), string>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var found = await db.Set<PersonContact>().AsNoTracking()
                .Where(c => chunk.Contains(c.Normalized))
                .Join(db.Set<Person>().Where(p => p.MergedIntoId == null), c => c.PersonId, p => p.Id, (c, p) => new { c.Kind, c.Normalized, p.Id })
                .ToListAsync(cancellationToken);
            foreach (var contact in found)
            {
                held.TryAdd((contact.Kind, contact.Normalized), contact.Id);
            }
        }

        return held;
    }

    private static string[] Split(string cell) =>
        cell.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsEmail(string value) =>
        value.Length <= 256 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The phone as it is kept; null when it holds other characters than a phone number has. A number of 9 digits
    /// without its leading 0 is a Vietnamese number a spreadsheet read as a number ("912345678"), so the 0 is put back.
    /// </summary>
    private static string? PhoneAsWritten(string value)
    {
        if (value.Length > 32 || !value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'))
        {
            return null;
        }

        return value.Length == 9 && value.All(char.IsAsciiDigit) && value[0] != '0' ? "0" + value : value;
    }
}
