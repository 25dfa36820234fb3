using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// What the application page's reviews section shows: the assigned reviewers with the assignment forms for staff, and
/// once sheets are in, the council's consolidation against the programme's rubric.
/// </summary>
internal sealed record ReviewersSectionModel(
    string ApplicationId,
    bool MayAssign,
    List<AssignedReviewer> Reviewers,
    Rubric? Rubric,
    ConsolidationResult? Consolidation,
    List<SheetRow> Sheets,
    int SheetsExpected);
