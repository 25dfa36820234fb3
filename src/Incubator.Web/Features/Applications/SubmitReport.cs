using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// How a report ended: the report, or why not. <see cref="ApplicationOutcome.Invalid"/> carries the request's problems
/// keyed by field; <see cref="ApplicationOutcome.Conflict"/> one message under "status". Messages are English
/// sentences and localisation keys.
/// </summary>
internal sealed record ReportResult(ApplicationOutcome Outcome, ApplicationReport? Report, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// The owner reports on a funded application, from the API or the application page; a final report also says whether
/// the result is applied in production and goes to staff through the workflow.
/// </summary>
internal sealed class SubmitReport(IncubatorDbContext db, WorkflowService workflows, TimeProvider clock)
{
    public const int MaxLength = 20000;

    public async Task<ReportResult> HandleAsync(string id, string userId, FundingApi.ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        if (application is null)
        {
            return new ReportResult(ApplicationOutcome.NotFound, null, new Dictionary<string, string>());
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kind = request.Kind ?? ApplicationReport.Progress;
        if (kind is not (ApplicationReport.Progress or ApplicationReport.Final))
        {
            errors["kind"] = "A report is progress or final.";
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxLength)
        {
            errors["text"] = "Write the report (at most 20000 characters).";
        }

        if (kind == ApplicationReport.Final && request.AppliedInProduction is null)
        {
            errors["appliedInProduction"] = "Say whether the result was applied in production.";
        }

        if (request.MilestoneId is { } milestoneId && !await db.DisbursementMilestones.AnyAsync(m => m.Id == milestoneId && m.ApplicationId == id, cancellationToken))
        {
            errors["milestoneId"] = "No such milestone on this application.";
        }

        if (errors.Count > 0)
        {
            return new ReportResult(ApplicationOutcome.Invalid, null, errors);
        }

        if (application.Status != ApplicationStatuses.Funded)
        {
            return Conflict("Reports are submitted on funded applications.");
        }

        var report = new ApplicationReport
        {
            ApplicationId = id, Kind = kind, MilestoneId = request.MilestoneId, Text = Core.Text.VietnameseText.ToNfc(request.Text!.Trim()),
            AppliedInProduction = request.AppliedInProduction, SubmittedUtc = clock.GetUtcNow().UtcDateTime, SubmittedBy = userId,
        };
        db.ApplicationReports.Add(report);
        if (kind == ApplicationReport.Final)
        {
            application.AppliedInProduction = request.AppliedInProduction;
            application.RowVersion++;
            if ((await workflows.RaiseAsync(FundingApi.ReportSubmittedEvent, ApplicationWorkflowItems.Kind, id, userId, cancellationToken)).Count == 0)
            {
                db.ChangeTracker.Clear();
                return Conflict("The final report is not expected now.");
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second final report racing the first (a double click): the application's version lets one through.
            db.ChangeTracker.Clear();
            return Conflict("Someone else changed this application at the same time; reload it and try again.");
        }

        return new ReportResult(ApplicationOutcome.Ok, report, new Dictionary<string, string>());
    }

    private static ReportResult Conflict(string message) => new(ApplicationOutcome.Conflict, null, new Dictionary<string, string> { ["status"] = message });
}
