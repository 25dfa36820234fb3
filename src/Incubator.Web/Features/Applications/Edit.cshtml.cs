using System.Globalization;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// /my/applications/{id}, for its owner only (anyone else gets 404): the programme's form while it is a draft or staff
/// asked for information (then only the fields they reopened), saved by a plain post or by the page's script, with its
/// files; submission; afterwards the answers, the status and the history; once funded the decision, the milestones
/// and the reports.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Uploads)]
internal sealed class EditModel(
    ApplicationService applications, AttachmentChanges attachments, SubmitReport reports, Disbursements disbursements, WorkflowService workflows, OrganisationAccess organisations,
    IncubatorDbContext db, UserManager<Account.User> users, TimeProvider clock, IStringLocalizer<EditModel> localizer) : PageModel
{
    /// <summary>One field of the form as the page draws it.</summary>
    public sealed record FieldView(FormField Field, string Label, bool Editable, IReadOnlyList<string> Values, string? Text, IReadOnlyList<ApplicationAttachment> Files, string? Error);

    public SupportApplication Application { get; private set; } = null!;
    public Programme Programme { get; private set; } = null!;
    public string? OrganisationTitle { get; private set; }
    public ProgrammeRound? Round { get; private set; }
    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;
    public List<FieldView> Fields { get; } = [];

    /// <summary>The answers as the back office and reviewers read them, once the form is closed.</summary>
    public AnswersView Answers { get; private set; } = null!;

    /// <summary>Problems keyed by field key, or "requestedAmount"; shown next to the fields.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public List<WorkflowHistoryRecord> History { get; private set; } = [];
    public string? StaffComment { get; private set; }

    /// <summary>The fields with a problem, in the form's order, as the error summary at the top lists them.</summary>
    public List<(FieldView Field, string Message)> Summary { get; } = [];

    /// <summary>The error summary: each problem linked to its input (a multichoice's first box), or to a closed field's block.</summary>
    public ErrorSummary ErrorSummary => new(Error, [.. Summary.Select(s => new ErrorSummary.Item(Anchor(s.Field.Field, s.Field.Editable), s.Message))]);

    /// <summary>The fragment that leads to a field on this page: its input (a multichoice's first box), or a closed field's block.</summary>
    public static string Anchor(FormField field, bool editable)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!editable)
        {
            return $"#field-{field.Key}";
        }

        return field.Type == FormFieldType.MultiChoice && !ApplicationForm.IsRequestedAmount(field) && field.Choices.Count > 0 ? $"#f-{field.Key}-0" : $"#f-{field.Key}";
    }

    public List<(DisbursementMilestone Milestone, bool ReportOverdue)> Milestones { get; private set; } = [];
    public List<FundingApi.ReportResponse> Reports { get; private set; } = [];
    public Dictionary<string, string> ReportErrors { get; } = new(StringComparer.Ordinal);
    public FundingApi.ReportRequest? ReportPosted { get; private set; }
    [TempData]
    public string? Message { get; set; }
    public string? Error { get; private set; }

    /// <summary>Whether the applicant may change anything now: a draft, or the fields staff reopened.</summary>
    public bool Editable => Application.Status is ApplicationStatuses.Draft or ApplicationStatuses.InformationRequested;

    public bool Funded => Application.Status == ApplicationStatuses.Funded;

    public string Address => Url.Page("/Applications/Edit", new { id = Application.Id })!;

    /// <summary>Posted values to show again when the post was refused, so nothing the applicant typed is lost.</summary>
    private IFormCollection? _posted;

    public bool MayChange(string fieldKey) => AttachmentChanges.MayChange(Application, fieldKey);

    /// <summary>The requested amount as its input shows it: as posted when the post was refused, else grouped with dots.</summary>
    public string AmountValue => _posted is not null && _posted.TryGetValue(ApplicationService.RequestedAmountField, out var posted)
        ? posted.ToString()
        : Application.RequestedAmount is { } amount ? ApplicationFormInput.Grouped(amount) : string.Empty;

    /// <summary>Where "check your answers" is, the step before the one-way submission.</summary>
    public string CheckAddress => Url.Page("/Applications/Check", new { id = Application.Id })!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = TempData["Error"] as string;
        return await PageAsync(cancellationToken);
    }

    /// <summary>"Save draft" (and the upload buttons): the answers, then any files chosen.</summary>
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Editable)
        {
            return Back(error: localizer["A submitted application cannot be changed."]);
        }

        var attached = new List<string>();
        if (!await SaveAsync(attached, cancellationToken))
        {
            return await PageAsync(cancellationToken);
        }

        return Back(message: attached.Count == 0 ? localizer["Saved."] : localizer["Saved. Attached: {0}", string.Join(", ", attached)]);
    }

    /// <summary>The page's script saves the answers after a pause; answers with JSON the script shows.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Editable && await SaveAsync(attached: null, cancellationToken))
        {
            var at = VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("HH:mm", CultureInfo.InvariantCulture);
            return new JsonResult(new { saved = true, message = localizer["Saved at {0}", at].Value });
        }

        return new JsonResult(new { saved = false, message = Error ?? localizer["A submitted application cannot be changed."].Value, errors = Errors })
        {
            StatusCode = Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict,
        };
    }

    /// <summary>
    /// "Continue": saves what the form carries (files too, for a browser without the page's script), then, when
    /// nothing is missing, goes on to "check your answers", where the one-way submission happens; otherwise the
    /// page again with the error summary at the top.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // A click from a page left open after the submission finds nothing to save, and is told it was submitted.
        if (Editable && !await SaveAsync([], cancellationToken))
        {
            return await PageAsync(cancellationToken);
        }

        var result = await applications.CheckReadyAsync(Application.Id, users.GetUserId(User)!, cancellationToken);
        switch (result.Outcome)
        {
            case ApplicationOutcome.Ok:
                return Redirect(CheckAddress);
            case ApplicationOutcome.NotFound:
                return NotFound();
            case ApplicationOutcome.Invalid when !result.Errors.ContainsKey("round"):
                Collect(result.Errors);
                Error = localizer["The application is not complete: fill in the fields marked below, then submit it."];
                Application = result.Application ?? Application;
                return await PageAsync(cancellationToken);
            default:
                return Back(error: string.Join(" ", result.Errors.Values.Distinct().Select(m => localizer[m].Value)));
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, long attachmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var change = await attachments.RemoveAsync(Application.Id, users.GetUserId(User)!, attachmentId, cancellationToken);
        return change switch
        {
            null => Back(error: localizer["This file was already removed."]),
            { Outcome: AttachmentChangeOutcome.Ok } => Back(message: localizer["Removed: {0}", change.Attachment!.FileName]),
            _ => Back(error: localizer[change.Message!]),
        };
    }

    public async Task<IActionResult> OnPostReportAsync(string id, string? kind, long? milestoneId, string? text, string? appliedInProduction, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        bool? applied = appliedInProduction switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        ReportPosted = new FundingApi.ReportRequest(kind, milestoneId, text, applied);
        var result = await reports.HandleAsync(Application.Id, users.GetUserId(User)!, ReportPosted, cancellationToken);
        switch (result.Outcome)
        {
            case ApplicationOutcome.Ok:
                return Back(message: localizer["Your report was submitted."]);
            case ApplicationOutcome.NotFound:
                return NotFound();
            case ApplicationOutcome.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ReportErrors[field] = localizer[message];
                }

                Error = localizer["The report was not submitted: correct the fields marked below."];
                return await PageAsync(cancellationToken);
            default:
                return Back(error: localizer[result.Errors.Values.First()]);
        }
    }

    /// <summary>
    /// Saves the posted answers (only the fields that may change) and, when <paramref name="attached"/> is given, the
    /// chosen files. False, with <see cref="Errors"/> or <see cref="Error"/> set and no answer saved, when the post is refused.
    /// </summary>
    private async Task<bool> SaveAsync(List<string>? attached, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var changes = ApplicationFormInput.Read(Application.FormUnder(Programme), Request.Form, MayChange).Against(Application);
        if (changes.Errors.Count > 0)
        {
            // Everything wrong at once: what could not be read, and the type checks of what could.
            Collect(changes.Errors);
            Collect(ApplicationForm.CheckTypes(Application.FormUnder(Programme), changes.Answers));
            return Refuse();
        }

        if (changes.Any)
        {
            var result = await applications.UpdateAsync(Application.Id, userId, changes.Answers, changes.RequestedAmount, changes.ClearAmount, cancellationToken);
            if (result.Outcome == ApplicationOutcome.NotFound)
            {
                return Refuse();
            }

            if (result.Outcome != ApplicationOutcome.Ok)
            {
                if (result.Outcome == ApplicationOutcome.Invalid)
                {
                    Collect(result.Errors);
                }
                else
                {
                    Error = string.Join(" ", result.Errors.Values.Distinct().Select(m => localizer[m].Value));
                }

                return Refuse();
            }

            Application = result.Application!;
        }

        if (attached is null)
        {
            return true;
        }

        foreach (var file in Request.Form.Files.Where(f => f.Name.StartsWith(ApplicationFormInput.FilePrefix, StringComparison.Ordinal) && !string.IsNullOrEmpty(f.FileName)))
        {
            var fieldKey = file.Name[ApplicationFormInput.FilePrefix.Length..];
            var tracked = await attachments.FindOwnedAsync(Application.Id, userId, cancellationToken);
            var change = tracked is null ? null : await attachments.AddAsync(tracked, userId, fieldKey, file, cancellationToken);
            if (change?.Attachment is { } attachment)
            {
                attached.Add(attachment.FileName);
            }
            else if (change is not null)
            {
                var refusal = localizer[change.Message!, change.Arguments ?? []].Value;
                Errors[fieldKey] = Application.FormUnder(Programme).FirstOrDefault(f => f.Key == fieldKey) is { } field ? ApplicationFieldErrors.Prefixed(localizer, field, refusal) : refusal;
            }
        }

        if (Errors.Count > 0)
        {
            Error = changes.Any ? localizer["Your answers were saved, but a file was not attached: see the field marked below."] : localizer["The file was not attached: see the field marked below."];
            return Refuse();
        }

        return true;
    }

    private bool Refuse()
    {
        _posted = Request.Form;
        if (Errors.Count > 0)
        {
            Error ??= localizer["Nothing was saved: correct the fields marked below."];
        }

        return false;
    }

    /// <summary>Errors from the services, keyed "answers.{key}" or "requestedAmount", under the field's key and naming the field.</summary>
    private void Collect(IReadOnlyDictionary<string, string> errors)
    {
        var form = OrderedForm();
        foreach (var (path, message) in errors)
        {
            var key = path.StartsWith(ApplicationFormInput.Prefix, StringComparison.Ordinal) ? path[ApplicationFormInput.Prefix.Length..] : path;
            Errors.TryAdd(key, form.FirstOrDefault(f => f.Key == key) is { } field
                ? ApplicationFieldErrors.Named(localizer, field, message, Programme.MaxPerApplication)
                : localizer[message]);
        }
    }

    /// <summary>The form's fields in the applicant's order, the requested amount in its place.</summary>
    private IReadOnlyList<FormField> OrderedForm() => ApplicationForm.Ordered(Application.FormUnder(Programme), localizer["Requested amount"]);

    private RedirectResult Back(string? message = null, string? error = null)
    {
        Message = message;
        TempData["Error"] = error;
        return Redirect(Address);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await applications.FindOwnedAsync(id, users.GetUserId(User)!, cancellationToken) is not { } application)
        {
            return false;
        }

        // The latest version, as the services check answers against it; kept even if the programme was deleted later.
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.ContentItemId == application.ProgrammeId && p.Latest, cancellationToken);
        if (programme is null)
        {
            return false;
        }

        (Application, Programme) = (application, programme);
        return true;
    }

    /// <summary>Reads what the page shows besides the application itself, and draws it.</summary>
    private async Task<PageResult> PageAsync(CancellationToken cancellationToken)
    {
        OrganisationTitle = (await organisations.FindAsync(Application.OrganisationId, cancellationToken))?.Profile.Title;
        Round = Programme.Rounds.FirstOrDefault(r => r.Key == Application.RoundKey);
        if (await workflows.GetAsync(Application.Id, cancellationToken) is { } instance)
        {
            History = await workflows.HistoryAsync(instance.Id, includeInternal: false, cancellationToken);
            StaffComment = Application.Status == ApplicationStatuses.InformationRequested
                ? History.LastOrDefault(h => h.Outcome == "request-information")?.Comment
                : null;
        }

        if (Funded || Application.DecisionNumber is not null)
        {
            Milestones = await disbursements.ListAsync(Application.Id, cancellationToken);
            Reports = await FundingApi.ReportsAsync(db, Application.Id, cancellationToken);
        }

        var files = await db.ApplicationAttachments.AsNoTracking().Where(a => a.ApplicationId == Application.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var answers = Application.Answers;
        var culture = CultureInfo.CurrentUICulture;
        foreach (var field in OrderedForm())
        {
            if (ApplicationForm.IsRequestedAmount(field))
            {
                Fields.Add(new FieldView(
                    field, field.Label.For(culture), MayChange(field.Key), [AmountValue], Application.RequestedAmount is { } requested ? Money.Format(requested) : null,
                    [], Errors.GetValueOrDefault(field.Key)));
                continue;
            }

            System.Text.Json.JsonElement? answer = answers.TryGetValue(field.Key, out var stored) ? stored : null;
            var values = _posted is not null && _posted.TryGetValue(ApplicationFormInput.Prefix + field.Key, out var posted)
                ? [.. posted.Where(v => v is not null).Select(v => v!)]
                : ApplicationFormInput.ToInput(field, answer);
            Fields.Add(new FieldView(
                field, field.Label.For(culture), MayChange(field.Key), values, answer is { } value ? ApplicationAnswers.Text(field, value, culture) : null,
                [.. files.Where(f => f.FieldKey == field.Key)], Errors.GetValueOrDefault(field.Key)));
        }

        Summary.AddRange(Fields.Where(f => f.Error is not null).Select(f => (f, f.Error!)));

        Answers = ApplicationAnswers.View(Application, Application.FormUnder(Programme), files, culture, localizer["Requested amount"]);

        return Page();
    }
}
