using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Applications.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// The reviewers and the council's scores on the back-office application page. Staff assign reviewers from here
/// (through the same service as the API); the forms post to <see cref="ReviewersModel"/>, this feature's own page.
/// </summary>
internal sealed class ReviewersSection(IncubatorDbContext db, ReviewerAssignment assignment) : IApplicationPageSection
{
    public int Order => 100;

    public async Task<ApplicationPageSectionView?> BuildAsync(ApplicationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var application = page.Application;
        var reviewers = await assignment.ReviewersAsync(application.Id, cancellationToken);
        var (consolidation, sheets, expected) = await ConsolidateAsync(page, reviewers, cancellationToken);
        var model = new ReviewersSectionModel(
            application.Id, page.MayAct && application.Status != ApplicationStatuses.Draft, reviewers,
            page.Programme?.Rubric, consolidation, sheets, expected);
        return new ApplicationPageSectionView("/Features/Reviews/Admin/_ReviewersSection.cshtml", model);
    }

    /// <summary>The council's rules over the sheets in; a sheet no longer valid against the programme's rubric is listed but not counted.</summary>
    private async Task<(ConsolidationResult? Result, List<SheetRow> Sheets, int Expected)> ConsolidateAsync(
        ApplicationPageContext page, List<AssignedReviewer> reviewers, CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == page.Application.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var submitted = reviews.Where(r => r.SubmittedUtc is not null && r.Scores is not null).ToList();
        if (submitted.Count == 0 || page.Programme is null || page.Programme.Rubric.Validate().Count > 0)
        {
            return (null, [], reviews.Count);
        }

        var rubric = page.Programme.Rubric;
        var counted = submitted.Where(r => Consolidation.ValidateSheet(rubric, r.Scores!).Count == 0).ToList();
        var result = Consolidation.Consolidate(rubric, [.. counted.Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))]);
        var emails = reviewers.ToDictionary(r => r.ReviewerId, r => r.Email, StringComparer.Ordinal);
        List<SheetRow> sheets = [.. submitted.Select(r => new SheetRow(
            emails.GetValueOrDefault(r.ReviewerId, r.ReviewerId), result.Sheets.FirstOrDefault(s => s.ReviewerId == r.ReviewerId), r.Comment))];
        return (result, sheets, reviews.Count);
    }
}
