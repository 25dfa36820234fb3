using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Reviews;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// What the support-approval workflow does to applications: statuses (reopening the fields staff named, recording the
/// decision and committing its amount to the programme's ledger), the typed conditions, reviewer assignment, and the
/// checks an action's data must pass before the engine takes it. Nothing here saves; the workflow service saves it
/// with the step.
/// </summary>
public sealed class ApplicationWorkflow(IncubatorDbContext db, ProgrammeService programmes, IClock clock)
{
    /// <summary>How many reviewers an application gets when staff have assigned none by the time review starts.</summary>
    public const int DefaultReviewers = 3;

    public Task<SupportApplication?> FindAsync(string correlationId) => db.Applications.FirstOrDefaultAsync(a => a.Id == correlationId);

    public async Task SetStatusAsync(SupportApplication application, string status, WorkflowHistoryEntry? cause)
    {
        ArgumentNullException.ThrowIfNull(application);
        application.Status = status;
        application.RowVersion++;
        application.UpdatedUtc = clock.UtcNow;
        switch (status)
        {
            case ApplicationStatuses.InformationRequested:
                var programme = await ProgrammeAsync(application);
                application.ReopenedFields = [.. FieldList(cause?.Data.GetValueOrDefault("fields")).Where(f => IsReopenable(programme, f))];
                break;
            case ApplicationStatuses.Submitted:
                application.ReopenedFields = [];
                break;
            case ApplicationStatuses.Funded:
                await CommitDecisionAsync(application, cause);
                break;
        }
    }

    public async Task<bool> EvaluateAsync(ConditionKind condition, SupportApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        // Tracked, so a score sheet saved in this same step (the last reviewer's) counts.
        var reviews = await db.Reviews.Where(r => r.ApplicationId == application.Id).ToListAsync();
        switch (condition)
        {
            case ConditionKind.AllReviewsIn:
                return reviews.Count > 0 && reviews.All(r => r.SubmittedUtc is not null);
            case ConditionKind.ScoreAtLeastPassMark:
                var programme = await ProgrammeAsync(application);
                var sheets = reviews.Where(r => r.SubmittedUtc is not null && r.Scores is not null).Select(r => new ScoreSheet(r.ReviewerId, r.Scores!)).ToList();
                return Consolidation.Consolidate(programme.Rubric, sheets).Passed;
            case ConditionKind.AmountWithinCapAndBudget:
                var within = await ProgrammeAsync(application);
                var remaining = within.Budget - await CommittedAsync(within.ContentItemId);
                return application.RequestedAmount is { } requested && requested <= within.MaxPerApplication && requested <= remaining;
            default:
                throw new InvalidOperationException($"Applications have no condition {condition}.");
        }
    }

    /// <summary>
    /// The application's reviewers: those staff assigned, or else <see cref="DefaultReviewers"/> chosen from the
    /// reviewer pool by lightest current load, never one linked to the applicant's organisation or owning it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AssignReviewersAsync(SupportApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var assigned = await db.Reviews.Where(r => r.ApplicationId == application.Id).Select(r => r.ReviewerId).ToListAsync();
        if (assigned.Count > 0)
        {
            return assigned;
        }

        var chosen = await ReviewerPool.SuggestAsync(db, application, DefaultReviewers);
        foreach (var reviewer in chosen)
        {
            db.Reviews.Add(new Review { ApplicationId = application.Id, ReviewerId = reviewer, AssignedUtc = clock.UtcNow });
        }

        return chosen;
    }

    /// <summary>Checks an action's data against the application before the engine takes it; the problems keyed as the API reports them.</summary>
    public async Task<Dictionary<string, string>> CheckActionAsync(SupportApplication application, string outcome, IReadOnlyDictionary<string, string>? data)
    {
        ArgumentNullException.ThrowIfNull(application);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        data ??= new Dictionary<string, string>();
        var programme = await ProgrammeAsync(application);
        if (outcome == "request-information" && data.TryGetValue("fields", out var fields))
        {
            var named = FieldList(fields).ToList();
            if (named.Count == 0 || named.Any(f => !IsReopenable(programme, f)))
            {
                errors["data.fields"] = "Name the fields to reopen by their keys, separated by commas: the form's fields or requestedAmount.";
            }
        }

        if (outcome == "approve" && data.TryGetValue("approvedAmount", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            var remaining = programme.Budget - await CommittedAsync(programme.ContentItemId);
            if (amount > programme.MaxPerApplication)
            {
                errors["data.approvedAmount"] = "The approved amount exceeds the programme's maximum per application.";
            }
            else if (amount > remaining)
            {
                errors["data.approvedAmount"] = "The approved amount exceeds what remains of the programme's budget.";
            }
            else if (amount <= 0)
            {
                errors["data.approvedAmount"] = "The approved amount must be more than zero.";
            }
        }

        return errors;
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
        // saved and the other is refused as stale, then finds less budget left when it is tried again.
        if (ledger.Committed + amount > programme.Budget)
        {
            // Checked before the action, spent by another approval since: the step is dropped, not faulted.
            throw new WorkflowConflictException("The approved amount exceeds what remains of the programme's budget.");
        }

        ledger.Committed += amount;
        ledger.RowVersion++;
        application.ApprovedAmount = amount;
        application.DecisionNumber = data.GetValueOrDefault("decisionNumber");
        application.DecisionDate = DateOnly.TryParseExact(data.GetValueOrDefault("decisionDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        application.DecidedUtc = clock.UtcNow;
    }

    private async Task<long> CommittedAsync(string programmeId) =>
        await db.ProgrammeLedgers.Where(l => l.ProgrammeId == programmeId).Select(l => (long?)l.Committed).FirstOrDefaultAsync() ?? 0;

    private async Task<Programme> ProgrammeAsync(SupportApplication application) =>
        await programmes.LatestAsync(application.ProgrammeId) ?? throw new InvalidOperationException($"Programme {application.ProgrammeId} is gone.");

    private static bool IsReopenable(Programme programme, string field) =>
        field == ApplicationService.RequestedAmountField || programme.Form.Any(f => f.Key == field);

    private static IEnumerable<string> FieldList(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);
}

/// <summary>The reviewers an application may be given: reviewers not linked to the organisation, lightest load first.</summary>
public static class ReviewerPool
{
    public static async Task<List<string>> SuggestAsync(IncubatorDbContext db, SupportApplication application, int count)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var reviewers = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Reviewer)))
            .Where(u => u.Id != application.OwnerId)
            .Where(u => !db.ExpertLinks.Any(l => l.ReviewerId == u.Id && l.OrganisationId == application.OrganisationId))
            .Where(u => !db.Reviews.Any(r => r.ApplicationId == application.Id && r.ReviewerId == u.Id))
            .Select(u => new { u.Id, Load = db.Reviews.Count(r => r.ReviewerId == u.Id && r.SubmittedUtc == null) })
            .ToListAsync();
        return [.. reviewers.OrderBy(r => r.Load).ThenBy(r => r.Id, StringComparer.Ordinal).Take(count).Select(r => r.Id)];
    }

    /// <summary>Whether the user may review the application: a reviewer, not its owner, not linked to its organisation.</summary>
    public static async Task<bool> MayReviewAsync(IncubatorDbContext db, SupportApplication application, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        return userId != application.OwnerId
            && await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Reviewer))
            && !await db.ExpertLinks.AnyAsync(l => l.ReviewerId == userId && l.OrganisationId == application.OrganisationId);
    }
}

/// <summary>Checks screening and decision data against the application before the engine takes the action.</summary>
internal sealed class ApplicationActionCheck(ApplicationWorkflow workflow) : Workflows.IWorkflowActionCheck
{
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(string correlationId, string action, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken) =>
        await workflow.FindAsync(correlationId) is { } application
            ? await workflow.CheckActionAsync(application, action, data)
            : new Dictionary<string, string>();
}
