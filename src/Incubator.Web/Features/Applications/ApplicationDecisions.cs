using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// The leader's decision on an application that passed review, as the decision page takes it: approve with the
/// decision's number, date, amount and signer, or refuse with the reason. The amount, date and budget rules are the
/// workflow's own (<see cref="ApplicationWorkflow.CheckActionAsync"/>), so the generic action API obeys them too; this
/// adds what the form asks for besides (the signer) and reads what people type. Errors are English texts keyed by the
/// form's fields, for the caller to translate.
/// </summary>
internal sealed class ApplicationDecisions(IncubatorDbContext db, WorkflowService workflows)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const int MaxReasonLength = 4000;
    private const int MaxAttempts = 5;

    /// <summary>
    /// The version of the workflow when the decision waits for this user now (the waiting task offers them the
    /// approval), for the form to send back; null when it does not.
    /// </summary>
    public async Task<int?> WaitingVersionAsync(string id, string userId, CancellationToken cancellationToken = default) =>
        await workflows.PanelAsync(id, userId, cancellationToken) is { } panel && panel.Actions.Any(a => a.Name == Approve) ? panel.Instance.Version : null;

    public async Task<CommandResult<SupportApplication>> ApproveAsync(string id, string userId, DecisionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = Required(input.DecisionNumber, 100, "decisionNumber", "Give the decision's number, e.g. 125/QĐ-SKHCN.", errors);
        var signer = Required(input.SignerName, 200, "signerName", "Give the name of the person who signed the decision.", errors);
        var title = Required(input.SignerTitle, 200, "signerTitle", "Give the title of the person who signed the decision.", errors);
        if (!Money.TryParse(input.ApprovedAmount, out var amount))
        {
            errors["approvedAmount"] = "Give the approved amount in đồng, e.g. 1.500.000.000.";
        }

        if (!VietnamTime.TryParseDate(input.DecisionDate, out var date))
        {
            errors["decisionDate"] = "Give the decision date as dd/MM/yyyy.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<SupportApplication>();
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decisionNumber"] = number!,
            ["decisionDate"] = VietnamTime.FormatIsoDate(date),
            ["approvedAmount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await DecideAsync(id, userId, Approve, input.Version, comment: null, data, application => (application.SignerName, application.SignerTitle) = (signer, title), cancellationToken);
    }

    /// <summary>Refuses the application; the reason is required and goes to the applicant with the history.</summary>
    public async Task<CommandResult<SupportApplication>> RejectAsync(string id, string userId, int version, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = Required(reason, MaxReasonLength, "reason", "Say why the application is refused; the applicant reads it.", errors);
        return errors.Count > 0
            ? CommandResult.Invalid(errors).As<SupportApplication>()
            : await DecideAsync(id, userId, Reject, version, text, data: null, record: null, cancellationToken);
    }

    /// <summary>
    /// Takes the decision on the version the leader saw. The signer is saved with the step, so when the step loses a
    /// race on the programme's budget ledger to another application's approval (the instance itself unchanged), the
    /// decision is taken again here on fresh data rather than refused as if someone had acted first.
    /// </summary>
    private async Task<CommandResult<SupportApplication>> DecideAsync(
        string id, string userId, string outcome, int version, string? comment, Dictionary<string, string>? data, Action<SupportApplication>? record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatuses.Draft, cancellationToken);
            if (application is null)
            {
                return CommandResult.NotFound().As<SupportApplication>();
            }

            if (await WaitingVersionAsync(id, userId, cancellationToken) is null)
            {
                db.ChangeTracker.Clear();
                return CommandResult.Conflict("No decision on this application waits for you now.").As(application);
            }

            record?.Invoke(application);
            var result = await workflows.TakeActionAsync(id, outcome, version, comment, data, userId, cancellationToken);
            var lostOnAnotherRow = result.Status == WorkflowActionStatus.Stale && attempt < MaxAttempts
                && (await workflows.GetAsync(id, cancellationToken))?.Version == version;
            switch (result.Status)
            {
                case WorkflowActionStatus.Ok:
                    return CommandResult.Ok(application);
                case WorkflowActionStatus.Stale when lostOnAnotherRow:
                    // The instance is where the leader saw it: another application's approval changed the ledger.
                    db.ChangeTracker.Clear();
                    continue;
                case WorkflowActionStatus.Invalid:
                    // The engine and the workflow's checks key data as "data.approvedAmount"; the form's fields drop the prefix.
                    return CommandResult.Invalid(result.Errors.ToDictionary(
                        e => e.Key.StartsWith("data.", StringComparison.Ordinal) ? e.Key["data.".Length..] : e.Key == "comment" ? "reason" : e.Key,
                        e => e.Value, StringComparer.Ordinal)).As<SupportApplication>();
                case WorkflowActionStatus.Forbidden:
                    return CommandResult.Forbidden("You may not take this action.").As<SupportApplication>();
                case WorkflowActionStatus.Stale:
                    return CommandResult.Conflict("Someone acted on this item first; reload it and try again.").As<SupportApplication>();
                default:
                    return CommandResult.Conflict("This action is not waiting any more.").As<SupportApplication>();
            }
        }
    }

    private static string? Required(string? text, int maxLength, string field, string message, Dictionary<string, string> errors)
    {
        var trimmed = VietnameseText.ToNfc(text?.Trim());
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength)
        {
            errors[field] = message;
            return null;
        }

        return trimmed;
    }
}
