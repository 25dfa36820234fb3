using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Reviews plug into the workflows of support applications: the conditions that read the score sheets and the
/// assignment of reviewers. Applications know nothing of reviews; this handler serves the same kind of item.
/// </summary>
internal sealed class ReviewWorkflowItems(IncubatorDbContext db, ProgrammeService programmes, TimeProvider clock, IStringLocalizer<ReviewSubmission> localizer, LinkGenerator links) : IWorkflowItemHandler
{
    /// <summary>How many reviewers an application gets when staff have assigned none by the time review starts.</summary>
    public const int DefaultReviewers = 3;

    /// <summary>The outcome of the history entry that gives the council's reason for a rejection.</summary>
    public const string VerdictOutcome = "council-verdict";

    public string Kind => ApplicationWorkflowItems.Kind;

    /// <summary>
    /// When the council's scores reject an application (the pass-mark condition failed in this very step), its history
    /// says why in words, where the applicant reads it: "Không đạt: điểm trung bình 64,33 &lt; 70", or the criterion
    /// too many reviewers scored 0. Written in Vietnamese, the language of the province's records, like staff comments.
    /// Applications keep the status itself, so this answers false.
    /// </summary>
    public async Task<bool> SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var failed = instance.History.LastOrDefault(h => h.Outcome == WorkflowOutcomes.False
            && h.Data.GetValueOrDefault("condition") == nameof(ConditionKind.ScoreAtLeastPassMark));
        if (status != ApplicationStatuses.Rejected || failed is null
            || await db.Applications.AsNoTracking().Where(a => a.Id == instance.CorrelationId).Select(a => a.ProgrammeId).FirstOrDefaultAsync() is not { } programmeId
            || await programmes.LatestAsync(programmeId) is not { } programme
            || await CouncilVerdict.ConsolidateAsync(db, instance.CorrelationId, programme.Rubric) is not { } result)
        {
            return false;
        }

        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        string? reason;
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (JsonStringLocalizerFactory.Vietnamese, JsonStringLocalizerFactory.Vietnamese);
            reason = ConsolidationWords.Reason(localizer, result, programme.Rubric, JsonStringLocalizerFactory.Vietnamese);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }

        if (reason is not null)
        {
            instance.History.Add(new WorkflowHistoryEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                ActivityId = failed.ActivityId,
                Outcome = VerdictOutcome,
                Comment = reason,
                Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["verdict"] = result.Outcome.ToString() },
            });
        }

        return false;
    }

    /// <summary>
    /// The leader decides an application that waits for a decision on the decision page, after its evidence and with
    /// the decision's signer, never with the generic approve and refuse buttons.
    /// </summary>
    public async Task<WorkflowActionPage?> ActionPageAsync(string itemId, string action, CancellationToken cancellationToken) =>
        action is ApplicationDecisions.Approve or ApplicationDecisions.Reject
        && await db.Applications.AsNoTracking().AnyAsync(a => a.Id == itemId && a.Status == ApplicationStatuses.AwaitingDecision, cancellationToken)
            ? new WorkflowActionPage(links.PathToPage("/Reviews/Admin/Decision", new { id = itemId }), "Open the decision page")
            : null;

    public async Task<bool?> EvaluateConditionAsync(ConditionKind condition, string itemId)
    {
        if (condition is not (ConditionKind.AllReviewsIn or ConditionKind.ScoreAtLeastPassMark)
            || await db.Applications.FirstOrDefaultAsync(a => a.Id == itemId) is not { } application)
        {
            return null;
        }

        // Tracked, so a score sheet saved in this same step (the last reviewer's) counts.
        var reviews = await db.Reviews.Where(r => r.ApplicationId == application.Id).ToListAsync();
        if (condition == ConditionKind.AllReviewsIn)
        {
            return reviews.Count > 0 && reviews.All(r => r.SubmittedUtc is not null);
        }

        var programme = await programmes.LatestAsync(application.ProgrammeId) ?? throw new InvalidOperationException($"Programme {application.ProgrammeId} is gone.");
        var sheets = reviews.Where(r => r.SubmittedUtc is not null && r.Scores is not null).Select(r => new ScoreSheet(r.ReviewerId, r.Scores!)).ToList();
        return Consolidation.Consolidate(programme.Rubric, sheets).Passed;
    }

    /// <summary>
    /// The application's reviewers: those staff assigned, or else <see cref="DefaultReviewers"/> chosen from the
    /// reviewer pool by lightest current load, never one linked to the applicant's organisation or owning it.
    /// </summary>
    public async Task<IReadOnlyList<string>?> AssignAsync(string itemId, string what)
    {
        if (what != "reviewers" || await db.Applications.FirstOrDefaultAsync(a => a.Id == itemId) is not { } application)
        {
            return null;
        }

        var assigned = await db.Reviews.Where(r => r.ApplicationId == application.Id).Select(r => r.ReviewerId).ToListAsync();
        if (assigned.Count > 0)
        {
            return assigned;
        }

        var chosen = await ReviewerPool.SuggestAsync(db, application, DefaultReviewers);
        foreach (var reviewer in chosen)
        {
            db.Reviews.Add(new Review { ApplicationId = application.Id, ReviewerId = reviewer, AssignedUtc = clock.GetUtcNow().UtcDateTime });
        }

        return chosen;
    }
}

/// <summary>The reviewers an application may be given: reviewers not linked to the organisation, lightest load first.</summary>
internal static class ReviewerPool
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

/// <summary>
/// A reviewer assigned to an application who has declared no conflict of interest reads it, and finds it in search,
/// on the reviews' own page.
/// </summary>
internal sealed class ReviewerReaders(IncubatorDbContext db, LinkGenerator links) : IApplicationReaders, Search.ISearchScopeSource
{
    public Task<bool> MayReadAsync(string applicationId, string userId, CancellationToken cancellationToken) =>
        db.Reviews.AnyAsync(r => r.ApplicationId == applicationId && r.ReviewerId == userId && r.NoConflictDeclaredUtc != null, cancellationToken);

    public async Task<IReadOnlyList<Search.ScopedSearchItem>> ItemsAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await db.Reviews.Where(r => r.ReviewerId == userId && r.NoConflictDeclaredUtc != null).Select(r => r.ApplicationId).ToListAsync(cancellationToken))
            .Distinct(StringComparer.Ordinal)
            .Select(id => new Search.ScopedSearchItem(ApplicationSearch.TypeName, id, links.PathToPage("/Reviews/Show", new { applicationId = id })))];
}
