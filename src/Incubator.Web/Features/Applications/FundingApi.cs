using System.Security.Claims;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// After the decision: disbursement milestones (staff), progress and final reports (the applicant), and the public
/// list of approved support.
/// </summary>
internal static class FundingApi
{
    public const string ReportSubmittedEvent = "report-submitted";

    public sealed record MilestoneRequest(string? Title, long? Amount, DateOnly? DueOn, DateOnly? ReportDueOn);

    public sealed record MilestoneResponse(long Id, string Title, long Amount, DateOnly DueOn, DateOnly? ReportDueOn, DateTime? PaidUtc, bool ReportOverdue);

    public sealed record ReportRequest(string? Kind, long? MilestoneId, string? Text, bool? AppliedInProduction);

    public sealed record ReportResponse(long Id, string Kind, long? MilestoneId, string Text, bool? AppliedInProduction, DateTime SubmittedUtc);

    /// <param name="Locality">The organisation's locality as the public profile names it; null when it gives none.</param>
    /// <param name="Year">The year of the decision (of its date, or of when it was recorded when it has none).</param>
    public sealed record ApprovedSupport(
        string Programme, string Organisation, long Amount, string DecisionNumber, DateOnly? DecisionDate, string ProgrammeId, string? Locality, int Year);

    /// <summary>Which approved support to list: all of it, or one year's and/or one programme's.</summary>
    public sealed record ApprovedFilter(int? Year = null, string? ProgrammeId = null);

    public static void MapFundingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/applications/{id}/milestones", ListMilestonesAsync).WithTags("Funding").RequireAuthorization();
        endpoints.MapPost("/api/applications/{id}/milestones", AddMilestoneAsync).WithTags("Funding").RequireAuthorization(Policies.Staff);
        endpoints.MapPost("/api/applications/{id}/milestones/{milestoneId:long}/paid", MarkPaidAsync).WithTags("Funding").RequireAuthorization(Policies.Staff);
        endpoints.MapGet("/api/applications/{id}/reports", ListReportsAsync).WithTags("Funding").RequireAuthorization();
        endpoints.MapPost("/api/applications/{id}/reports", SubmitReportAsync).WithTags("Funding").RequireAuthorization();
        endpoints.MapGet("/api/support/approved", ApprovedAsync).WithTags("Funding");
    }

    private static async Task<Results<Ok<List<MilestoneResponse>>, NotFound>> ListMilestonesAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, ApplicationAccess access, IncubatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await access.FindReadableAsync(id, user, users.GetUserId(user)!, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await MilestonesAsync(db, id, clock, cancellationToken));
    }

    private static async Task<Results<Created<MilestoneResponse>, NotFound, ValidationProblem>> AddMilestoneAsync(
        string id, MilestoneRequest request, Disbursements disbursements, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await disbursements.AddMilestoneAsync(id, request.Title, request.Amount, request.DueOn, request.ReportDueOn, cancellationToken);
        return result.Outcome switch
        {
            MilestoneOutcome.NotFound => TypedResults.NotFound(),
            MilestoneOutcome.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value)),
            _ => TypedResults.Created($"/api/applications/{id}/milestones", ToResponse(result.Milestone!, [], clock)),
        };
    }

    private static async Task<Results<Ok<MilestoneResponse>, NotFound, ProblemHttpResult>> MarkPaidAsync(
        string id, long milestoneId, Disbursements disbursements, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await disbursements.MarkPaidAsync(id, milestoneId, cancellationToken);
        return result.Outcome switch
        {
            MilestoneOutcome.NotFound => TypedResults.NotFound(),
            MilestoneOutcome.Conflict => ApplicationApi.ConflictProblem(result.Message!, id),
            _ => TypedResults.Ok(ToResponse(result.Milestone!, [], clock)),
        };
    }

    private static async Task<Results<Ok<List<ReportResponse>>, NotFound>> ListReportsAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, ApplicationAccess access, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        if (await access.FindReadableAsync(id, user, users.GetUserId(user)!, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await ReportsAsync(db, id, cancellationToken));
    }

    /// <summary>The owner reports on a funded application (see <see cref="SubmitReport"/>).</summary>
    private static async Task<Results<Created<ReportResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitReportAsync(
        string id, ReportRequest request, ClaimsPrincipal user, UserManager<User> users, SubmitReport reports, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var result = await reports.HandleAsync(id, users.GetUserId(user)!, request, cancellationToken);
        return result.Outcome switch
        {
            ApplicationOutcome.Ok => TypedResults.Created($"/api/applications/{id}/reports", ToResponse(result.Report!)),
            ApplicationOutcome.NotFound => TypedResults.NotFound(),
            ApplicationOutcome.Conflict => ApplicationApi.ConflictProblem(localizer[result.Errors["status"]], id),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { localizer[e.Value].Value })),
        };
    }

    /// <summary>The approved support, optionally of one year (<c>?year=2026</c>) and one programme (<c>?programme=id</c>).</summary>
    private static async Task<Ok<List<ApprovedSupport>>> ApprovedAsync(
        int? year, string? programme, IncubatorDbContext db, Taxonomies.TaxonomyService taxonomies, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ApprovedSupportAsync(db, taxonomies, new ApprovedFilter(year, programme), cancellationToken));

    /// <summary>
    /// Every approved application, newest decision first: what the province publishes. Names come from the published
    /// versions, so a draft the public has not been shown never appears here; an organisation with no published profile
    /// is named as it was when it applied.
    /// </summary>
    public static async Task<List<ApprovedSupport>> ApprovedSupportAsync(
        IncubatorDbContext db, Taxonomies.TaxonomyService taxonomies, ApprovedFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var (year, programmeId) = (filter?.Year, filter?.ProgrammeId);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.ApprovedAmount != null && a.DecisionNumber != null)
            .Select(a => new { a.Title, a.ProgrammeId, a.OrganisationId, a.ApprovedAmount, a.DecisionNumber, a.DecisionDate, a.DecidedUtc })
            .ToListAsync(cancellationToken);
        var programmeIds = rows.Select(r => r.ProgrammeId).Distinct().ToList();
        var organisationIds = rows.Select(r => r.OrganisationId).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.ContentItemId) && p.Published).ToDictionaryAsync(p => p.ContentItemId, p => p.Title, cancellationToken);
        var organisations = new Dictionary<string, (string Title, string? Locality)>(StringComparer.Ordinal);
        foreach (var kind in Organisations.OrganisationAccess.Kinds)
        {
            foreach (var published in await kind.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .Where(p => organisationIds.Contains(p.ContentItemId) && p.Published && p.DeletedUtc == null)
                .Select(p => new { p.ContentItemId, p.Title, p.Locality }).ToListAsync(cancellationToken))
            {
                organisations[published.ContentItemId] = (published.Title, published.Locality);
            }
        }

        var localities = await taxonomies.TermsAsync(Taxonomies.TaxonomyTerm.Localities, cancellationToken);
        string? LocalityName(string? code) => string.IsNullOrEmpty(code) ? null : localities.FirstOrDefault(t => t.Code == code)?.Name(Taxonomies.TaxonomyService.English) ?? code;

        // The application's title is "organisation — programme" as they were named when it was made.
        static string Part(string title, int index) => title.Split(" — ") is { Length: 2 } parts ? parts[index] : title;
        static int YearOf(DateOnly? date, DateTime? decidedUtc) => date?.Year ?? (decidedUtc is { } utc ? VietnamTime.ToLocal(utc).Year : 0);
        return [.. rows
            .Where(r => programmeId is null || r.ProgrammeId == programmeId)
            .Where(r => year is null || YearOf(r.DecisionDate, r.DecidedUtc) == year)
            .OrderByDescending(r => r.DecidedUtc)
            .Select(r => new ApprovedSupport(
                programmes.GetValueOrDefault(r.ProgrammeId) ?? Part(r.Title, 1),
                organisations.TryGetValue(r.OrganisationId, out var organisation) ? organisation.Title : Part(r.Title, 0),
                r.ApprovedAmount!.Value, r.DecisionNumber!, r.DecisionDate, r.ProgrammeId,
                organisations.TryGetValue(r.OrganisationId, out var located) ? LocalityName(located.Locality) : null,
                YearOf(r.DecisionDate, r.DecidedUtc)))];
    }

    /// <summary>Milestones whose report date passed without a report, for staff.</summary>
    public static async Task<List<(DisbursementMilestone Milestone, string Title)>> OverdueReportsAsync(IncubatorDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        return [.. (await db.DisbursementMilestones.AsNoTracking()
            .Where(m => m.ReportDueOn != null && m.ReportDueOn < today && !db.ApplicationReports.Any(r => r.MilestoneId == m.Id))
            .Join(db.Applications, m => m.ApplicationId, a => a.Id, (m, a) => new { Milestone = m, a.Title })
            .OrderBy(x => x.Milestone.ReportDueOn).ToListAsync(cancellationToken)).Select(x => (x.Milestone, x.Title))];
    }

    /// <summary>An application's reports, oldest first.</summary>
    internal static async Task<List<ReportResponse>> ReportsAsync(IncubatorDbContext db, string id, CancellationToken cancellationToken) =>
        [.. (await db.ApplicationReports.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(ToResponse)];

    private static async Task<List<MilestoneResponse>> MilestonesAsync(IncubatorDbContext db, string id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var milestones = await db.DisbursementMilestones.AsNoTracking().Where(m => m.ApplicationId == id).OrderBy(m => m.DueOn).ToListAsync(cancellationToken);
        var reported = await db.ApplicationReports.AsNoTracking().Where(r => r.ApplicationId == id && r.MilestoneId != null).Select(r => r.MilestoneId!.Value).ToListAsync(cancellationToken);
        return [.. milestones.Select(m => ToResponse(m, reported, clock))];
    }

    private static ReportResponse ToResponse(ApplicationReport r) => new(r.Id, r.Kind, r.MilestoneId, r.Text, r.AppliedInProduction, r.SubmittedUtc);

    private static MilestoneResponse ToResponse(DisbursementMilestone m, IReadOnlyCollection<long> reported, TimeProvider clock) =>
        new(m.Id, m.Title, m.Amount, m.DueOn, m.ReportDueOn, m.PaidUtc, Disbursements.IsReportOverdue(m, reported, clock));
}
