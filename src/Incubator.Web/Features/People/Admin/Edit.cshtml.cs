using System.Globalization;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.People.Admin;

/// <summary>One link row of the person form; the last row is blank, to add a link, and a ticked row is removed.</summary>
internal sealed class PersonLinkRow
{
    public string? OrganisationId { get; set; }
    public string? Role { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public bool Remove { get; set; }
}

/// <summary>The person form: e-mails and phones one a line, tags separated by commas.</summary>
internal sealed class PersonForm
{
    public string? FullName { get; set; }
    public string? Title { get; set; }
    public string? Emails { get; set; }
    public string? Phones { get; set; }
    public string? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? Locality { get; set; }
    public string? Tags { get; set; }
    public string? Notes { get; set; }
    public List<PersonLinkRow> Links { get; set; } = [];
}

/// <summary>
/// Creates (/admin/people/new, an organisation possibly given) or changes (/admin/people/{id}/edit) a person. A save
/// that would duplicate someone comes back with the matches, each with "merge into this one" (the typed record is
/// saved and merged into it), and, when the only match is a namesake in the same organisation, "save anyway".
/// </summary>
internal sealed class EditModel(
    IncubatorDbContext db, SavePerson save, MergePeople merge, OrganisationNames organisations, TaxonomyService taxonomies,
    UserManager<Account.User> users, IStringLocalizer<EditModel> localizer) : PageModel
{
    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public string? Id { get; private set; }
    public IReadOnlyList<PersonDuplicate> Duplicates { get; private set; } = [];
    public Dictionary<string, OrganisationName> Organisations { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> Localities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, string? organisation, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var person = await db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (person is null)
            {
                return NotFound();
            }

            if (person.MergedIntoId is { } kept)
            {
                return RedirectToPage("/People/Admin/Edit", new { id = kept });
            }

            Form = new PersonForm
            {
                FullName = person.FullName,
                Title = person.Title,
                Emails = string.Join('\n', person.Contacts.Where(c => c.Kind == PersonContactKind.Email).OrderBy(c => c.Id).Select(c => c.Value)),
                Phones = string.Join('\n', person.Contacts.Where(c => c.Kind == PersonContactKind.Phone).OrderBy(c => c.Id).Select(c => c.Value)),
                Gender = person.Gender is { } gender ? PersonCodes.Code(gender) : null,
                BirthYear = person.BirthYear,
                Locality = person.Locality,
                Tags = string.Join(", ", person.Tags),
                Notes = person.Notes,
                Links = [.. person.Links.OrderBy(l => l.Id).Select(l => new PersonLinkRow { OrganisationId = l.OrganisationId, Role = PersonCodes.Code(l.Role), From = l.From, To = l.To })],
            };
        }
        else if (!string.IsNullOrEmpty(organisation))
        {
            Form.Links.Add(new PersonLinkRow { OrganisationId = organisation, Role = PersonCodes.Code(PersonRole.Founder) });
        }

        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, bool namesake, string? mergeInto, CancellationToken cancellationToken)
    {
        Id = id;
        var rows = Form.Links.Select((row, index) => (row, index)).Where(r => !r.row.Remove && !string.IsNullOrWhiteSpace(r.row.OrganisationId)).ToList();
        var input = new PersonInput(
            Form.FullName, Lines(Form.Emails), Lines(Form.Phones), Form.Gender, Form.BirthYear, Form.Locality,
            (Form.Tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            [.. rows.Select(r => new PersonLinkInput(r.row.OrganisationId, r.row.Role, r.row.From, r.row.To))], Form.Title, Form.Notes);
        var userId = users.GetUserId(User);
        var merging = !string.IsNullOrEmpty(mergeInto);
        var (result, duplicates) = await save.SaveAsync(id, input, userId, allowNamesake: namesake, ignoreDuplicates: merging, cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Duplicates = duplicates;
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(FormKey(field, rows.Select(r => r.index).ToList()), localizer[message]);
            }

            if (duplicates.Count > 0)
            {
                ModelState.AddModelError(string.Empty, localizer[SavePerson.DuplicateMessage]);
            }

            await LoadListsAsync(cancellationToken);
            return Page();
        }

        var saved = result.Value!;
        if (merging)
        {
            var merged = await merge.MergeAsync(mergeInto!, saved.Id, userId, cancellationToken);
            if (merged.Succeeded)
            {
                TempData["PersonMessage"] = localizer["The two records were merged."].Value;
                return RedirectToPage("/People/Admin/Show", new { id = mergeInto });
            }
        }

        TempData["PersonMessage"] = localizer["The person was saved."].Value;
        return RedirectToPage("/People/Admin/Show", new { id = saved.Id });
    }

    /// <summary>The form's field a rule's message belongs beside ("links[1].role" → the role of the form's row it came from).</summary>
    private static string FormKey(string field, List<int> rowIndexes)
    {
        if (field.StartsWith("emails", StringComparison.Ordinal))
        {
            return "Form.Emails";
        }

        if (field.StartsWith("phones", StringComparison.Ordinal))
        {
            return "Form.Phones";
        }

        if (field.StartsWith("links[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(field[6..close], CultureInfo.InvariantCulture);
            var member = field[(close + 2)..];
            return $"Form.Links[{rowIndexes[index]}].{char.ToUpperInvariant(member[0])}{member[1..]}";
        }

        return "Form." + char.ToUpperInvariant(field[0]) + field[1..];
    }

    private static string[] Lines(string? text) => (text ?? string.Empty).Split(['\n', '\r', ',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Organisations = await organisations.ListAsync(null, cancellationToken);
        Localities = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);

        // One blank row to add a link; a refused save comes back with the rows as they were sent, the blank one among them.
        if (!Form.Links.Exists(r => string.IsNullOrWhiteSpace(r.OrganisationId)))
        {
            Form.Links.Add(new PersonLinkRow());
        }
    }
}
