using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Reviews;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Incubator.Core.Text;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>One submitted score sheet as the council's summary lists it.</summary>
internal sealed record SheetRow(string Reviewer, SheetResult? Result, string? Comment);

/// <summary>
/// Everything about one application for the back office: the applicant's answers and files, the workflow's buttons,
/// reviewers (assigned here through the same service as the API), the consolidated scores, the decision, and the
/// disbursement milestones with their reports. Leaders read it and decide; staff and administrators change it.
/// </summary>
internal sealed class ShowModel(
    IncubatorDbContext db, ProgrammeService programmes, OrganisationAccess organisations, WorkflowService workflows, ReviewerAssignment assignment,
    Disbursements disbursements, IAuthorizationService authorization, UserManager<User> users, IStringLocalizer<ShowModel> localizer) : PageModel
{
    public SupportApplication Application { get; private set; } = null!;
    public Programme? Programme { get; private set; }
    public (ContentTypeDefinition Type, DirectoryProfile Profile)? Organisation { get; private set; }
    public AnswersView Answers { get; private set; } = null!;
    public List<ApplicationAttachment> OtherFiles { get; private set; } = [];
    public WorkflowPanel? Workflow { get; private set; }
    public List<AssignedReviewer> Reviewers { get; private set; } = [];
    public ConsolidationResult? Consolidation { get; private set; }
    public List<SheetRow> Sheets { get; private set; } = [];
    public int SheetsExpected { get; private set; }
    public List<(DisbursementMilestone Milestone, bool ReportOverdue)> Milestones { get; private set; } = [];
    public List<ApplicationReport> Reports { get; private set; } = [];
    public bool MayAct { get; private set; }
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }
    public string ReturnUrl => Url.Page("/Applications/Admin/Show", new { id = Application.Id })!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var files = await db.ApplicationAttachments.AsNoTracking().Where(a => a.ApplicationId == id).ToListAsync(cancellationToken);
        var form = Programme?.Form ?? [];
        Answers = ApplicationAnswers.View(Application, form, files, CultureInfo.CurrentUICulture);
        OtherFiles = [.. files.Where(f => form.All(x => x.Key != f.FieldKey || x.Type != FormFieldType.File))];
        Organisation = await organisations.FindAsync(Application.OrganisationId, cancellationToken);
        Workflow = await workflows.PanelAsync(id, users.GetUserId(User)!, cancellationToken);
        Reviewers = await assignment.ReviewersAsync(id, cancellationToken);
        await ConsolidateAsync(cancellationToken);
        Milestones = await disbursements.ListAsync(id, cancellationToken);
        Reports = await db.ApplicationReports.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(string id, string? emails, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var named = (emails ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var result = await assignment.AssignAsync(id, named, automatic: null, users.GetUserId(User), cancellationToken);
        return Back(result.Error, localizer["Reviewers assigned."]);
    }

    public async Task<IActionResult> OnPostAutomaticAsync(string id, int? count, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // An empty or unreadable number asks for none, which the service refuses with its own message.
        var result = await assignment.AssignAsync(id, [], count ?? 0, users.GetUserId(User), cancellationToken);
        return Back(result.Error, localizer["Reviewers assigned."]);
    }

    public async Task<IActionResult> OnPostMilestoneAsync(string id, string? title, string? amount, string? dueOn, string? reportDueOn, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await disbursements.AddMilestoneAsync(id, title, ReadAmount(amount), ReadDate(dueOn), ReadDate(reportDueOn), cancellationToken);
        return Back(result.Outcome == MilestoneOutcome.Ok ? null : string.Join(" ", result.Errors.Values.SelectMany(v => v)), localizer["Milestone added."]);
    }

    public async Task<IActionResult> OnPostPaidAsync(string id, long milestoneId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await disbursements.MarkPaidAsync(id, milestoneId, cancellationToken);
        return result.Outcome == MilestoneOutcome.NotFound ? NotFound() : Back(result.Message, localizer["Marked as paid."]);
    }

    /// <summary>404 for an unknown application, 403 for a leader: only staff and administrators change it.</summary>
    private async Task<IActionResult?> RefuseAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return MayAct ? null : Forbid();
    }

    private RedirectResult Back(string? error, string done)
    {
        if (error is null)
        {
            Message = done;
        }
        else
        {
            Error = error;
        }

        return Redirect(ReturnUrl);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        // Drafts are the applicant's own until they submit them.
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatuses.Draft, cancellationToken);
        if (application is null)
        {
            return false;
        }

        Application = application;
        Programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        MayAct = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        return true;
    }

    /// <summary>The council's rules over the sheets in; a sheet no longer valid against the programme's rubric is listed but not counted.</summary>
    private async Task ConsolidateAsync(CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == Application.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        SheetsExpected = reviews.Count;
        var submitted = reviews.Where(r => r.SubmittedUtc is not null && r.Scores is not null).ToList();
        if (submitted.Count == 0 || Programme is null || Programme.Rubric.Validate().Count > 0)
        {
            return;
        }

        var rubric = Programme.Rubric;
        var counted = submitted.Where(r => Reviews.Consolidation.ValidateSheet(rubric, r.Scores!).Count == 0).ToList();
        Consolidation = Reviews.Consolidation.Consolidate(rubric, [.. counted.Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))]);
        var emails = Reviewers.ToDictionary(r => r.ReviewerId, r => r.Email, StringComparer.Ordinal);
        Sheets = [.. submitted.Select(r => new SheetRow(
            emails.GetValueOrDefault(r.ReviewerId, r.ReviewerId), Consolidation.Sheets.FirstOrDefault(s => s.ReviewerId == r.ReviewerId), r.Comment))];
    }

    private static long? ReadAmount(string? text) => Money.TryParse(text, out var amount) ? amount : null;

    private static DateOnly? ReadDate(string? text) => VietnamTime.TryParseIsoDate(text, out var date) ? date : null;
}
