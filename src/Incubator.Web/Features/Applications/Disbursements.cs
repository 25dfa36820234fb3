using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

internal enum MilestoneOutcome
{
    Ok,
    NotFound,

    /// <summary>Nothing saved; <see cref="MilestoneResult.Errors"/> says why, keyed by field.</summary>
    Invalid,

    /// <summary>Nothing saved: the milestone was already paid.</summary>
    Conflict,
}

internal sealed record MilestoneResult(MilestoneOutcome Outcome, DisbursementMilestone? Milestone, IReadOnlyDictionary<string, string[]> Errors, string? Message = null);

/// <summary>
/// Staff plan the disbursement of a funded application in milestones and record each payment; the API and the back
/// office's application page both come here.
/// </summary>
internal sealed class Disbursements(IncubatorDbContext db, TimeProvider clock, IStringLocalizer<ApplicationService> localizer)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    /// <summary>Adds a milestone to a funded application; all its milestones together stay within the approved amount.</summary>
    public async Task<MilestoneResult> AddMilestoneAsync(string id, string? title, long? amount, DateOnly? dueOn, DateOnly? reportDueOn, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return new MilestoneResult(MilestoneOutcome.NotFound, null, NoErrors);
        }

        var errors = new Dictionary<string, string[]>();
        if (application.ApprovedAmount is not { } approved || application.Status != ApplicationStatuses.Funded)
        {
            errors["application"] = [localizer["Milestones are planned for funded applications."]];
        }
        else
        {
            var planned = await db.DisbursementMilestones.Where(m => m.ApplicationId == id).SumAsync(m => (long?)m.Amount, cancellationToken) ?? 0;
            if (string.IsNullOrWhiteSpace(title) || title.Length > 300)
            {
                errors["title"] = [localizer["Give the milestone a title of at most 300 characters."]];
            }

            if (amount is not > 0 || planned + amount > approved)
            {
                errors["amount"] = [localizer["The milestones together cannot exceed the approved amount."]];
            }

            if (dueOn is null)
            {
                errors["dueOn"] = [localizer["Give the disbursement date."]];
            }
        }

        if (errors.Count > 0)
        {
            return new MilestoneResult(MilestoneOutcome.Invalid, null, errors);
        }

        var milestone = new DisbursementMilestone { ApplicationId = id, Title = Core.Text.VietnameseText.ToNfc(title!.Trim())!, Amount = amount!.Value, DueOn = dueOn!.Value, ReportDueOn = reportDueOn };
        db.DisbursementMilestones.Add(milestone);
        await db.SaveChangesAsync(cancellationToken);
        return new MilestoneResult(MilestoneOutcome.Ok, milestone, NoErrors);
    }

    /// <summary>Records that a milestone was paid, once.</summary>
    public async Task<MilestoneResult> MarkPaidAsync(string id, long milestoneId, CancellationToken cancellationToken = default)
    {
        var milestone = await db.DisbursementMilestones.FirstOrDefaultAsync(m => m.Id == milestoneId && m.ApplicationId == id, cancellationToken);
        if (milestone is null)
        {
            return new MilestoneResult(MilestoneOutcome.NotFound, null, NoErrors);
        }

        if (milestone.PaidUtc is not null)
        {
            return new MilestoneResult(MilestoneOutcome.Conflict, milestone, NoErrors, localizer["This milestone was already paid."]);
        }

        milestone.PaidUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new MilestoneResult(MilestoneOutcome.Ok, milestone, NoErrors);
    }

    /// <summary>An application's milestones by due date, each with whether its report is overdue.</summary>
    public async Task<List<(DisbursementMilestone Milestone, bool ReportOverdue)>> ListAsync(string id, CancellationToken cancellationToken = default)
    {
        var milestones = await db.DisbursementMilestones.AsNoTracking().Where(m => m.ApplicationId == id).OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var reported = await db.ApplicationReports.AsNoTracking().Where(r => r.ApplicationId == id && r.MilestoneId != null).Select(r => r.MilestoneId!.Value).ToListAsync(cancellationToken);
        return [.. milestones.Select(m => (m, IsReportOverdue(m, reported, clock)))];
    }

    /// <summary>The milestone's report date passed (in Vietnam) and no report names it.</summary>
    public static bool IsReportOverdue(DisbursementMilestone milestone, IReadOnlyCollection<long> reported, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(clock);
        return milestone.ReportDueOn is { } due && due < DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)) && !reported.Contains(milestone.Id);
    }
}
