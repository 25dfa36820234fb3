using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>
/// What the forms that name organisations, people and staff share (interactions here, follow-up tasks): the pickers'
/// typed terms and search button, the pickers drawn for the chosen ids, and the staff to choose among.
/// </summary>
internal abstract class RelationshipFormModel(RelationshipDirectory directory, RelationshipPicker picker, UserManager<User> users) : PageModel
{
    /// <summary>The terms typed in the pickers, and the search button (its value names the picker) when it was pressed.</summary>
    [BindProperty]
    public string? OrganisationSearch { get; set; }

    [BindProperty]
    public string? PersonSearch { get; set; }

    [BindProperty]
    public string? Search { get; set; }

    public PickerField Organisations { get; private set; } = null!;
    public PickerField People { get; private set; } = null!;
    public Dictionary<string, string> Staff { get; private set; } = [];

    protected string UserId => users.GetUserId(User)!;

    protected RelationshipDirectory Directory => directory;

    /// <summary>Whether the post was a picker's search (without a script): the form comes back as typed, with the matches.</summary>
    protected bool Searching => !string.IsNullOrEmpty(Search);

    /// <summary>
    /// The pickers for the chosen ids, posting as <c>Input.OrganisationIds</c>/<c>Input.PersonIds</c> when several may
    /// be chosen, else <c>Input.OrganisationId</c>/<c>Input.PersonId</c>; and the staff.
    /// </summary>
    protected async Task LoadPickersAsync(bool multiple, IEnumerable<string?> organisations, IEnumerable<string?> people, CancellationToken cancellationToken)
    {
        var suffix = multiple ? "Ids" : "Id";
        Organisations = await picker.FieldAsync(PickerKind.Organisation, "Input.Organisation" + suffix, multiple, organisations, OrganisationSearch, cancellationToken);
        People = await picker.FieldAsync(PickerKind.Person, "Input.Person" + suffix, multiple, people, PersonSearch, cancellationToken);
        Staff = await directory.StaffAsync(null, cancellationToken);
    }
}
