using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// An owner's check-ins: the form for the next report, prefilled from the last one with the period of the cohort's
/// cadence, and the organisation's own trends as small charts. Only the owner sees it; anyone else gets 404.
/// </summary>
[Authorize]
internal sealed class MineModel(IncubatorDbContext db, OrganisationAccess access, CheckInCommands commands, UserManager<User> users, IStringLocalizer<MineModel> localizer)
    : PageModel
{
    /// <summary>The periods the charts show.</summary>
    public const int Charted = 24;

    [BindProperty]
    public CheckInForm Form { get; set; } = new();

    public DirectoryProfile Organisation { get; private set; } = null!;
    public string Cadence { get; private set; } = CheckInPeriod.Quarter;
    public IReadOnlyList<CheckIn> History { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = CheckInForm.From(History.Count > 0 ? History[^1] : null, SuggestedPeriod(commands.Today, Cadence, History).ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var (input, notWhole) = Form.Read();
        var result = await commands.SaveAsync(id, input, users.GetUserId(User), cancellationToken);
        if (!result.Succeeded)
        {
            CheckInForm.AddErrors(result, notWhole, ModelState, localizer, nameof(Form));
            return Page();
        }

        Message = result.Value.Created
            ? localizer["Your report for {0} is saved.", result.Value.CheckIn.Period]
            : localizer["Your report for {0} is updated.", result.Value.CheckIn.Period];
        return RedirectToPage("/CheckIns/Mine", new { id });
    }

    /// <summary>
    /// The period the form offers: the last one that has ended, unless it is reported already, then the current one.
    /// </summary>
    internal static CheckInPeriod SuggestedPeriod(DateOnly today, string cadence, IReadOnlyList<CheckIn> history)
    {
        var current = CheckInPeriod.Containing(today, cadence);
        var ended = current.Previous();
        return history.Any(c => c.Period == ended.ToString()) ? current : ended;
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is not var (_, organisation))
        {
            return false;
        }

        Organisation = organisation;
        Cadence = await commands.CadenceAsync(id, cancellationToken) ?? CheckInPeriod.Quarter;
        History = await CheckInReader.HistoryAsync(db, id, Charted, cancellationToken);
        return true;
    }
}
