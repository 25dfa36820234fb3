using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// /programmes/{slug}: one published programme, everything an applicant needs to prepare, and for a signed-in
/// applicant the form that starts an application for one of their organisations. The page lives with applications,
/// not programmes, because applying is what it is for: Programmes then knows nothing of applications, and applications
/// depend on programmes only.
/// </summary>
internal sealed class ApplyModel(
    ProgrammeService programmes, ApplicationService applications, OrganisationAccess organisations, TaxonomyService taxonomies, IncubatorDbContext db,
    UserManager<Account.User> users, TimeProvider clock, IStringLocalizer<ApplyModel> localizer) : PageModel
{
    public Programme Programme { get; private set; } = null!;
    public string SupportType { get; private set; } = string.Empty;
    public IReadOnlyList<string> Localities { get; private set; } = [];
    public ProgrammeRound? OpenRound { get; private set; }
    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    /// <summary>The signed-in user's organisations of a kind the programme accepts.</summary>
    public List<(string Id, string Title)> Eligible { get; } = [];

    public bool HasOrganisations { get; private set; }

    /// <summary>The signed-in user's applications to this programme.</summary>
    public List<SupportApplication> Mine { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The application that stands in the way of a new one, to link to.</summary>
    public string? ExistingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApplyAsync(string slug, string? organisationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (User.Identity?.IsAuthenticated != true)
        {
            return RedirectToPage("/Account/Login", new { returnUrl = Url.Page("/Applications/Apply", new { slug = Programme.Slug }) });
        }

        var result = await applications.CreateAsync(Programme.ContentItemId, organisationId, users.GetUserId(User)!, cancellationToken);
        if (result.Outcome == ApplicationOutcome.Ok)
        {
            TempData["Message"] = localizer["Your application is started. Fill in the form, save it as often as you like, and submit it before the round closes."].Value;
            return RedirectToPage("/Applications/Edit", new { id = result.Application!.Id });
        }

        Error = localizer[result.Errors.Values.First()];
        ExistingId = result.Outcome == ApplicationOutcome.Conflict ? result.Application?.Id : null;
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await programmes.PublishedAsync(slug, cancellationToken) is not { } programme)
        {
            return false;
        }

        Programme = programme;
        OpenRound = programme.OpenRound(Now);
        SupportType = await taxonomies.NameAsync(TaxonomyTerm.SupportTypes, programme.SupportType, cancellationToken);
        Localities = await taxonomies.NamesAsync(TaxonomyTerm.Localities, programme.EligibleLocalities, cancellationToken);
        if (User.Identity?.IsAuthenticated == true && users.GetUserId(User) is { } userId)
        {
            var owned = await organisations.ListOwnedAsync(userId, cancellationToken);
            HasOrganisations = owned.Count > 0;
            Eligible.AddRange(owned.Where(o => programme.EligibleKinds.Contains(o.Type.Name)).Select(o => (o.Profile.ContentItemId, o.Profile.Title)));
            Mine = await db.Applications.AsNoTracking().Where(a => a.ProgrammeId == programme.ContentItemId && a.OwnerId == userId)
                .OrderByDescending(a => a.CreatedUtc).ToListAsync(cancellationToken);
        }

        return true;
    }
}
