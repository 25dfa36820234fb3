using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.People.Admin;

/// <summary>The staff's consent form: given or withdrawn, where from, and on what basis.</summary>
internal sealed class ConsentForm
{
    public bool Given { get; set; }
    public string? Source { get; set; } = nameof(ConsentSource.Staff);
    public string? Basis { get; set; }
}

/// <summary>
/// The person page: details, e-mails and phones, organisations with role and dates, the newsletter consent with its
/// history and a form for staff to record a new one; a merged record's address leads to the kept person.
/// </summary>
internal sealed class ShowModel(
    IncubatorDbContext db, OrganisationNames organisations, TaxonomyService taxonomies, RecordConsent consents,
    IAuthorizationService authorization, UserManager<User> users, IStringLocalizer<ShowModel> localizer) : PageModel
{
    public static readonly IReadOnlyList<ConsentSource> StaffSources = [ConsentSource.Staff, ConsentSource.Registration, ConsentSource.Import];

    public Person Person { get; private set; } = null!;
    public Dictionary<string, OrganisationName> Organisations { get; private set; } = [];
    public List<PersonConsent> Consents { get; private set; } = [];
    public string? LocalityName { get; private set; }
    public string? UserEmail { get; private set; }
    public bool MayEdit { get; private set; }

    /// <summary>The person's timeline, read as staff: this page is the back office's (BackOffice permission).</summary>
    public TimelineSubject Subject => new(TimelineSubjectKind.Person, Person.Id);

    public TimelineViewer Viewer => new(users.GetUserId(User), IsStaff: true, IsOwner: false);

    [BindProperty]
    public ConsentForm Consent { get; set; } = new();

    [TempData(Key = "PersonMessage")]
    public string? Message { get; set; }

    public bool Newsletter => Consents.Count > 0 && Consents[0].Given;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConsentAsync(string id, CancellationToken cancellationToken)
    {
        var result = await consents.RecordAsync(id, new ConsentInput(Consent.Given, Consent.Source, Consent.Basis), users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer, "Consent");
            return await LoadAsync(id, cancellationToken) ?? Page();
        }

        Message = localizer["The consent was recorded."];
        return RedirectToPage("/People/Admin/Show", new { id });
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (person.MergedIntoId is { } kept)
        {
            return RedirectToPage("/People/Admin/Show", new { id = kept });
        }

        Person = person;
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Organisations = await organisations.ListAsync([.. person.Links.Select(l => l.OrganisationId).Distinct(StringComparer.Ordinal)], cancellationToken);
        Consents = await RecordConsent.Newest(db, id).AsNoTracking().ToListAsync(cancellationToken);
        if (person.Locality is { } code)
        {
            LocalityName = (await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken)).FirstOrDefault(t => t.Code == code)?.Name(TaxonomyService.English) ?? code;
        }

        if (person.UserId is { } userId)
        {
            UserEmail = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        }

        return null;
    }
}
