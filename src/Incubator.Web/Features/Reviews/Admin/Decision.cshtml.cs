using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// The leader's decision page: first the evidence (every reviewer's points per criterion, sheets set aside and why,
/// the council's verdict and ranking, the requested amount against the programme's cap and budget), then the decision
/// itself, approval with its number, date, amount and signer, or refusal with its reason. Both go through
/// <see cref="ApplicationDecisions"/>, whose rules the generic workflow action obeys too.
/// </summary>
internal sealed class DecisionModel(
    IncubatorDbContext db, ProgrammeService programmes, DecisionEvidenceReader evidence, ApplicationDecisions decisions, TimeProvider clock,
    UserManager<User> users, IStringLocalizer<DecisionModel> localizer) : PageModel
{
    public SupportApplication Application { get; private set; } = null!;
    public Programme Programme { get; private set; } = null!;
    public DecisionEvidence Evidence { get; private set; } = null!;

    /// <summary>The workflow's version when the decision waits for this user; null when it does not.</summary>
    public int? Version { get; private set; }

    /// <summary>The approval form's values: the request and today's date at first, what was posted after a refusal.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Translated errors by field (approvedAmount, decisionDate, decisionNumber, signerName, signerTitle, reason).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Values["approvedAmount"] = Application.RequestedAmount is { } requested ? AmountText(requested) : string.Empty;
        Values["decisionDate"] = VietnamTime.FormatDate(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    // Leaders decide here, as on the workflow action form: the back office lets them post, and the decision service
    // takes only a decision that waits for this user (a task gated to the leader's role), so staff cannot decide.
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostApproveAsync(
        string id, int? version, string? approvedAmount, string? decisionDate, string? decisionNumber, string? signerName, string? signerTitle, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // An amount typed as "250000000" comes back as "250.000.000", as the form shows amounts.
        (Values["approvedAmount"], Values["decisionDate"], Values["decisionNumber"], Values["signerName"], Values["signerTitle"]) =
            (Money.TryParse(approvedAmount, out var typed) ? AmountText(typed) : approvedAmount ?? "", decisionDate ?? "", decisionNumber ?? "", signerName ?? "", signerTitle ?? "");
        var input = new DecisionInput(version ?? 0, decisionNumber, decisionDate, approvedAmount, signerName, signerTitle);
        var result = await decisions.ApproveAsync(id, users.GetUserId(User)!, input, cancellationToken);
        return await AnswerAsync(id, result, localizer["The application was approved."], cancellationToken);
    }

    // As approval: the decision service refuses anyone the decision does not wait for.
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostRejectAsync(string id, int? version, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Values["reason"] = reason ?? string.Empty;
        var result = await decisions.RejectAsync(id, users.GetUserId(User)!, version ?? 0, reason, cancellationToken);
        return await AnswerAsync(id, result, localizer["The application was refused."], cancellationToken);
    }

    /// <summary>"1.500.000.000": an amount as the money inputs show it, without the sign.</summary>
    public static string AmountText(long amount) => Money.Format(amount).TrimEnd('₫').TrimEnd();

    private async Task<IActionResult> AnswerAsync(string id, CommandResult<SupportApplication> result, string done, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = done;
                return RedirectToPage("/Applications/Admin/Show", new { id });
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    Errors[field] = localizer[message];
                }

                break;
            default:
                Error = localizer[result.Detail ?? "This action is not waiting any more."];
                break;
        }

        // Nothing was saved: the page is drawn again on fresh data, with what was typed and why it was refused.
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        // Drafts are the applicant's own until they submit them, as on the application page.
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatuses.Draft, cancellationToken);
        if (application is null || await programmes.LatestAsync(application.ProgrammeId, cancellationToken) is not { } programme)
        {
            return false;
        }

        (Application, Programme) = (application, programme);
        Evidence = await evidence.ReadAsync(application, programme, cancellationToken);
        Version = await decisions.WaitingVersionAsync(id, users.GetUserId(User)!, cancellationToken);
        return true;
    }
}
