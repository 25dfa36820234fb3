using System.Globalization;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// /my/applications/{id}/check, for its owner only: "check your answers" before the one-way submission (the GOV.UK
/// pattern). Every answer and file in the form's order, each with a link back to its field while it may change, and
/// the submit button (or, after a request for information, the button that sends it). What is still missing is listed
/// at the top with links to the fields instead of the button, and a submission refused for it comes back here.
/// </summary>
internal sealed class CheckModel(ApplicationService applications, IncubatorDbContext db, UserManager<Account.User> users, IStringLocalizer<CheckModel> localizer) : PageModel
{
    /// <summary>One answer as the page lists it; <see cref="Change"/> leads back to the field, null when it is closed.</summary>
    public sealed record Row(FormField Field, string Label, string? Text, IReadOnlyList<ApplicationAttachment> Files, string? Change);

    public SupportApplication Application { get; private set; } = null!;
    public Programme Programme { get; private set; } = null!;
    public List<Row> Rows { get; } = [];

    /// <summary>What stands in the way of the submission, or null when it may be made.</summary>
    public ErrorSummary? Problems { get; private set; }

    public bool Draft => Application.Status == ApplicationStatuses.Draft;

    public string EditAddress => Url.Page("/Applications/Edit", new { id = Application.Id })!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Application.Status is not (ApplicationStatuses.Draft or ApplicationStatuses.InformationRequested))
        {
            return Redirect(EditAddress);
        }

        var ready = await applications.CheckReadyAsync(Application.Id, users.GetUserId(User)!, cancellationToken);
        if (ready.Outcome == ApplicationOutcome.Invalid && !ready.Errors.ContainsKey("round"))
        {
            Problems = Summarise(ready.Errors);
        }
        else if (ready.Outcome != ApplicationOutcome.Ok)
        {
            return Back(error: string.Join(" ", ready.Errors.Values.Distinct().Select(m => localizer[m].Value)));
        }

        return await PageAsync(cancellationToken);
    }

    /// <summary>The one-way step: submits the application, or sends the information staff asked for.</summary>
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var first = Application.Status == ApplicationStatuses.Draft;
        var result = await applications.SubmitAsync(Application.Id, users.GetUserId(User)!, cancellationToken);
        switch (result.Outcome)
        {
            case ApplicationOutcome.Ok:
                return Back(message: first
                    ? localizer["Submitted. Staff will screen your application; you will be notified of each step."]
                    : localizer["The information was sent. Staff will continue with your application."]);
            case ApplicationOutcome.NotFound:
                return NotFound();
            case ApplicationOutcome.Invalid when !result.Errors.ContainsKey("round"):
                Problems = Summarise(result.Errors);
                return await PageAsync(cancellationToken);
            default:
                return Back(error: string.Join(" ", result.Errors.Values.Distinct().Select(m => localizer[m].Value)));
        }
    }

    /// <summary>The missing answers, each naming its field and linking to it on the form.</summary>
    private ErrorSummary Summarise(IReadOnlyDictionary<string, string> errors)
    {
        var items = new List<ErrorSummary.Item>();
        foreach (var field in OrderedForm())
        {
            if ((errors.GetValueOrDefault(ApplicationFormInput.Prefix + field.Key) ?? errors.GetValueOrDefault(field.Key)) is { } message)
            {
                items.Add(new ErrorSummary.Item(EditAddress + EditModel.Anchor(field, AttachmentChanges.MayChange(Application, field.Key)), ApplicationFieldErrors.Named(localizer, field, message, Programme.MaxPerApplication)));
            }
        }

        return new ErrorSummary(localizer["The application is not complete: follow each link to fill in the field, then come back here."], items);
    }

    private IReadOnlyList<FormField> OrderedForm() => ApplicationForm.Ordered(Application.FormUnder(Programme), localizer["Requested amount"]);

    private RedirectResult Back(string? message = null, string? error = null)
    {
        TempData["Message"] = message;
        TempData["Error"] = error;
        return Redirect(EditAddress);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await applications.FindOwnedAsync(id, users.GetUserId(User)!, cancellationToken) is not { } application)
        {
            return false;
        }

        // The latest version, as the services check answers against it (see EditModel).
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.ContentItemId == application.ProgrammeId && p.Latest, cancellationToken);
        if (programme is null)
        {
            return false;
        }

        (Application, Programme) = (application, programme);
        return true;
    }

    private async Task<PageResult> PageAsync(CancellationToken cancellationToken)
    {
        var files = await db.ApplicationAttachments.AsNoTracking().Where(a => a.ApplicationId == Application.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        var answers = Application.Answers;
        foreach (var field in OrderedForm())
        {
            var text = ApplicationForm.IsRequestedAmount(field)
                ? Application.RequestedAmount is { } amount ? Money.Format(amount) : null
                : answers.TryGetValue(field.Key, out var value) ? ApplicationAnswers.Text(field, value, culture) : null;
            var change = AttachmentChanges.MayChange(Application, field.Key) ? EditAddress + EditModel.Anchor(field, editable: true) : null;
            Rows.Add(new Row(field, field.Label.For(culture), string.IsNullOrWhiteSpace(text) ? null : text, [.. files.Where(f => f.FieldKey == field.Key)], change));
        }

        return Page();
    }
}
