using System.Globalization;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// What the support-approval workflow does to applications: statuses (reopening the fields staff named, recording the
/// decision and committing its amount to the programme's ledger), the conditions on the amount, and the checks an
/// action's data must pass before the engine takes it (reviews plug their own conditions in, see Reviews). Nothing here saves; the workflow service saves it
/// with the step.
/// </summary>
internal sealed class ApplicationWorkflow(IncubatorDbContext db, ProgrammeService programmes, TimeProvider clock)
{
    /// <summary>The data of "request-information" that names the fields to reopen: form field keys and requestedAmount.</summary>
    public const string FieldsToReopen = "fields";

    public Task<SupportApplication?> FindAsync(string correlationId) => db.Applications.FirstOrDefaultAsync(a => a.Id == correlationId);

    public async Task SetStatusAsync(SupportApplication application, string status, WorkflowHistoryEntry? cause)
    {
        ArgumentNullException.ThrowIfNull(application);
        var now = clock.GetUtcNow().UtcDateTime;
        if (application.Status != status)
        {
            // The queue's "days waiting" counts from here; a step that restates the status does not restart it.
            application.StatusChangedUtc = now;
        }

        application.Status = status;
        application.RowVersion++;
        application.UpdatedUtc = now;
        switch (status)
        {
            case ApplicationStatuses.InformationRequested:
                var programme = await ProgrammeAsync(application);
                application.ReopenedFields = [.. FieldList(cause?.Data.GetValueOrDefault(FieldsToReopen)).Where(f => IsReopenable(application.FormUnder(programme), f))];
                break;
            case ApplicationStatuses.Submitted:
                application.ReopenedFields = [];
                break;
            case ApplicationStatuses.Funded:
                await CommitDecisionAsync(application, cause);
                break;
        }
    }

    /// <summary>The conditions that look at the application and its programme alone; null for any other.</summary>
    public async Task<bool?> EvaluateAsync(ConditionKind condition, SupportApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (condition != ConditionKind.AmountWithinCapAndBudget)
        {
            return null;
        }

        var within = await ProgrammeAsync(application);
        var remaining = within.Budget - await CommittedAsync(within.ContentItemId);
        return application.RequestedAmount is { } requested && requested <= within.MaxPerApplication && requested <= remaining;
    }

    /// <summary>Checks an action's data against the application before the engine takes it; the problems keyed as the API reports them.</summary>
    public async Task<Dictionary<string, string>> CheckActionAsync(SupportApplication application, string outcome, IReadOnlyDictionary<string, string>? data)
    {
        ArgumentNullException.ThrowIfNull(application);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        data ??= new Dictionary<string, string>();
        var programme = await ProgrammeAsync(application);
        if (outcome == "request-information" && data.TryGetValue(FieldsToReopen, out var fields))
        {
            // Every key must be one of this programme's fields: a key that is not is refused by name, never dropped,
            // so the applicant is not asked for less than the officer meant.
            var named = FieldList(fields).ToList();
            var unknown = named.Where(f => !IsReopenable(application.FormUnder(programme), f)).ToList();
            if (named.Count == 0)
            {
                errors["data." + FieldsToReopen] = "Tick at least one field to reopen.";
            }
            else if (unknown.Count > 0)
            {
                errors["data." + FieldsToReopen] = FormattedMessage.Create("Not a field of this programme's form: {0}. Tick the fields to reopen among the form's fields.", string.Join(", ", unknown));
            }
        }

        if (outcome == "approve" && data.TryGetValue("approvedAmount", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            var remaining = programme.Budget - await CommittedAsync(programme.ContentItemId);
            if (amount <= 0)
            {
                errors["data.approvedAmount"] = "The approved amount must be more than zero.";
            }
            else if (application.RequestedAmount is { } requested && amount > requested)
            {
                errors["data.approvedAmount"] = "The approved amount exceeds the requested amount.";
            }
            else if (amount > programme.MaxPerApplication)
            {
                errors["data.approvedAmount"] = "The approved amount exceeds the programme's maximum per application.";
            }
            else if (amount > remaining)
            {
                errors["data.approvedAmount"] = BudgetSpent;
            }
        }

        if (outcome == "approve" && VietnamTime.TryParseIsoDate(data.GetValueOrDefault("decisionDate"), out var decided) && DecisionDateProblem(application, decided) is { } dateProblem)
        {
            errors["data.decisionDate"] = dateProblem;
        }

        return errors;
    }

    /// <summary>The message a leader reads when the programme's remaining budget cannot pay the amount.</summary>
    public const string BudgetSpent = "The programme's budget is spent: what remains does not cover this amount.";

    /// <summary>
    /// Why a decision may not carry this date, or null: it is signed in Vietnam no later than today and no earlier than
    /// the day the application was submitted, since a decision cannot precede what it decides.
    /// </summary>
    public string? DecisionDateProblem(SupportApplication application, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(application);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        if (date > today)
        {
            return "The decision date cannot be in the future.";
        }

        return application.SubmittedUtc is { } submitted && date < DateOnly.FromDateTime(VietnamTime.ToLocal(submitted))
            ? "The decision date cannot be before the application was submitted."
            : null;
    }

    /// <summary>What the programme has committed and what remains of its budget, as a decision is checked against them.</summary>
    public async Task<(long Committed, long Remaining)> BudgetAsync(Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var committed = await CommittedAsync(programme.ContentItemId);
        return (committed, programme.Budget - committed);
    }

    private async Task CommitDecisionAsync(SupportApplication application, WorkflowHistoryEntry? cause)
    {
        var data = cause?.Data ?? [];
        if (!data.TryGetValue("approvedAmount", out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InvalidOperationException("A funded application needs the decision's approvedAmount.");
        }

        var programme = await ProgrammeAsync(application);
        var ledger = await db.ProgrammeLedgers.FirstOrDefaultAsync(l => l.ProgrammeId == programme.ContentItemId);
        if (ledger is null)
        {
            ledger = new ProgrammeLedger { ProgrammeId = programme.ContentItemId };
            db.ProgrammeLedgers.Add(ledger);
        }

        // The ledger's version is checked when the step is saved: of two approvals racing on one programme, one is
        // saved and the other's save fails; the workflow service then takes that action again on fresh data, so it
        // succeeds when the budget still covers it and is told the budget is spent when it does not.
        if (ledger.Committed + amount > programme.Budget)
        {
            // Checked before the action, spent by another approval since: the step is dropped, not faulted, and the
            // workflow service tries the action again, when the check tells the leader the budget is spent.
            throw new WorkflowConflictException(BudgetSpent);
        }

        ledger.Committed += amount;
        ledger.RowVersion++;
        application.ApprovedAmount = amount;
        application.DecisionNumber = data.GetValueOrDefault("decisionNumber");
        application.DecisionDate = DateOnly.TryParseExact(data.GetValueOrDefault("decisionDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        application.DecidedUtc = clock.GetUtcNow().UtcDateTime;
    }

    private async Task<long> CommittedAsync(string programmeId) =>
        await db.ProgrammeLedgers.Where(l => l.ProgrammeId == programmeId).Select(l => (long?)l.Committed).FirstOrDefaultAsync() ?? 0;

    private async Task<Programme> ProgrammeAsync(SupportApplication application) =>
        await programmes.LatestAsync(application.ProgrammeId) ?? throw new InvalidOperationException($"Programme {application.ProgrammeId} is gone.");

    /// <summary>A field staff may reopen: one of the form the application was submitted under, or the requested amount.</summary>
    private static bool IsReopenable(IReadOnlyList<FormField> form, string field) =>
        field == ApplicationService.RequestedAmountField || form.Any(f => f.Key == field);

    private static IEnumerable<string> FieldList(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Support applications as workflow items: their title and pages, their status, the conditions on their amount and
/// the checks of screening and decision data. Reviews add their own conditions and the reviewers' assignment.
/// </summary>
internal sealed class ApplicationWorkflowItems(IncubatorDbContext db, ApplicationWorkflow workflow, LinkGenerator links) : IWorkflowItemHandler
{
    public const string Kind = "application";

    string IWorkflowItemHandler.Kind => Kind;

    public async Task<IReadOnlyDictionary<string, WorkflowItem>> FindAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.OwnerId }).ToListAsync(cancellationToken);

        // Assignees are reviewers, who work on their own pages rather than in the back office.
        return applications.ToDictionary(
            a => a.Id,
            a => new WorkflowItem(a.Id, a.Title, links.PathToPage("/Applications/Admin/Show", new { id = a.Id }), a.OwnerId,
                links.PathToPage("/Applications/Edit", new { id = a.Id }), links.PathToPage("/Reviews/Show", new { applicationId = a.Id })),
            StringComparer.Ordinal);
    }

    public async Task<bool> SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (await workflow.FindAsync(instance.CorrelationId) is not { } application)
        {
            return false;
        }

        // The service loads instances without their history, so these are this step's entries: the newest one with a
        // person is the action (or event) that led to this status.
        await workflow.SetStatusAsync(application, status, instance.History.LastOrDefault(h => h.By is not null));
        return true;
    }

    public async Task<bool?> EvaluateConditionAsync(ConditionKind condition, string itemId) =>
        await workflow.FindAsync(itemId) is { } application ? await workflow.EvaluateAsync(condition, application) : null;

    public async Task<IReadOnlyDictionary<string, string>> CheckActionAsync(string itemId, string action, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken) =>
        await workflow.FindAsync(itemId) is { } application
            ? await workflow.CheckActionAsync(application, action, data)
            : new Dictionary<string, string>();
}
