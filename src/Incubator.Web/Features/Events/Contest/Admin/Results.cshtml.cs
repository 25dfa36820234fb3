using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events.Contest;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Contest.Admin;

/// <summary>
/// A contest's results: each submitted entry (an application to the contest's programme) with a form to record its prize,
/// whether it went to the national contest and whether it is applied in production. A phone is enough: one small form per entry.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ResultsModel(IncubatorDbContext db, ContestResults results, UserManager<User> users, IStringLocalizer<ResultsModel> localizer) : PageModel
{
    [TempData]
    public string? ResultsMessage { get; set; }

    [BindProperty]
    public string? ApplicationId { get; set; }

    [BindProperty]
    public string? Prize { get; set; }

    [BindProperty]
    public bool SentToNational { get; set; }

    [BindProperty]
    public bool AppliedInProduction { get; set; }

    public Event Event { get; private set; } = null!;

    public Programme? Programme { get; private set; }

    public IReadOnlyList<ContestEntryRow> Entries { get; private set; } = [];

    public static IReadOnlyList<(ContestPrize Prize, string Label)> Prizes { get; } =
    [
        (ContestPrize.None, "No prize"), (ContestPrize.First, "First prize"), (ContestPrize.Second, "Second prize"), (ContestPrize.Third, "Third prize"),
        (ContestPrize.Consolation, "Consolation prize"),
    ];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var result = await results.SetAsync(slug, ApplicationId ?? string.Empty, Prize, SentToNational, AppliedInProduction, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer);
            return await LoadAsync(slug, cancellationToken) ? Page() : NotFound();
        }

        ResultsMessage = localizer["The result is saved and the contest-entry record updated."];
        return Redirect(Url.Page("/Events/Contest/Admin/Results", new { slug }) + "#entry-" + ApplicationId);
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Latest && e.DeletedUtc == null, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Event = item;
        Programme = await results.ProgrammeAsync(item, cancellationToken);
        Entries = await results.EntriesAsync(item, cancellationToken);
        return true;
    }
}
