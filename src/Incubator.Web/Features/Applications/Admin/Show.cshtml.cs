using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
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

/// <summary>
/// Everything about one application for the back office: the applicant's answers and files, the workflow's buttons,
/// the sections other features add (Reviews: the reviewers and the consolidated scores), the decision, and the
/// disbursement milestones with their reports. Leaders read it and decide; staff and administrators change it.
/// </summary>
internal sealed class ShowModel(
    IncubatorDbContext db, ProgrammeService programmes, OrganisationAccess organisations, WorkflowService workflows,
    IEnumerable<IApplicationPageSection> sections, Disbursements disbursements, IAuthorizationService authorization, UserManager<User> users, IStringLocalizer<ShowModel> localizer) : PageModel
{
    public SupportApplication Application { get; private set; } = null!;
    public Programme? Programme { get; private set; }
    public (ContentTypeDefinition Type, DirectoryProfile Profile)? Organisation { get; private set; }
    public AnswersView Answers { get; private set; } = null!;
    public List<ApplicationAttachment> OtherFiles { get; private set; } = [];
    public WorkflowPanel? Workflow { get; private set; }

    /// <summary>What "request information" offers to reopen: the form's fields and the requested amount, by their labels.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<WorkflowChoice>> Choices { get; private set; } = new Dictionary<string, IReadOnlyList<WorkflowChoice>>();

    /// <summary>The labels of the fields staff reopened, in the reader's language.</summary>
    public List<string> ReopenedLabels { get; private set; } = [];
    public List<ApplicationPageSectionView> Sections { get; private set; } = [];
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
        var form = Application.FormUnder(Programme);
        Answers = ApplicationAnswers.View(Application, form, files, CultureInfo.CurrentUICulture, localizer["Requested amount"]);
        List<WorkflowChoice> fields = [.. form.Select(f => new WorkflowChoice(f.Key, f.Label.For(CultureInfo.CurrentUICulture))), new(ApplicationService.RequestedAmountField, localizer["Requested amount"])];
        Choices = new Dictionary<string, IReadOnlyList<WorkflowChoice>>(StringComparer.Ordinal) { [ApplicationWorkflow.FieldsToReopen] = fields };
        ReopenedLabels = [.. Application.ReopenedFields.Select(key => fields.FirstOrDefault(f => f.Value == key)?.Label ?? key)];
        OtherFiles = [.. files.Where(f => form.All(x => x.Key != f.FieldKey || x.Type != FormFieldType.File))];
        Organisation = await organisations.FindAsync(Application.OrganisationId, cancellationToken);
        Workflow = await workflows.PanelAsync(id, users.GetUserId(User)!, cancellationToken);
        var page = new ApplicationPageContext(Application, Programme, MayAct);
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (await section.BuildAsync(page, cancellationToken) is { } view)
            {
                Sections.Add(view);
            }
        }

        Milestones = await disbursements.ListAsync(id, cancellationToken);
        Reports = await db.ApplicationReports.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return Page();
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

    private static long? ReadAmount(string? text) => Money.TryParse(text, out var amount) ? amount : null;

    private static DateOnly? ReadDate(string? text) => VietnamTime.TryParseIsoDate(text, out var date) ? date : null;
}
