using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// One assignment for its reviewer: first the declaration of (no) conflict of interest, and only after "no conflict"
/// the application and the score form, which submits through the same service as the API. Anyone not assigned to the
/// application is told it does not exist.
/// </summary>
[Authorize]
internal sealed class ShowModel(IncubatorDbContext db, ProgrammeService programmes, ReviewSubmission reviews, UserManager<User> users, IStringLocalizer<ShowModel> localizer)
    : PageModel
{
    public Review Review { get; private set; } = null!;
    public SupportApplication Application { get; private set; } = null!;
    public Programme? Programme { get; private set; }
    public AnswersView? Answers { get; private set; }
    public Dictionary<string, string> PostedScores { get; } = new(StringComparer.Ordinal);
    public string? PostedComment { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    [TempData]
    public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string applicationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(applicationId, cancellationToken))
        {
            return NotFound();
        }

        await ShowApplicationAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostNoConflictAsync(string applicationId, CancellationToken cancellationToken) => DeclareAsync(applicationId, noConflict: true, cancellationToken);

    public Task<IActionResult> OnPostConflictAsync(string applicationId, CancellationToken cancellationToken) => DeclareAsync(applicationId, noConflict: false, cancellationToken);

    public async Task<IActionResult> OnPostScoreAsync(string applicationId, string? comment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(applicationId, cancellationToken))
        {
            return NotFound();
        }

        // Read by hand, like the workflow's data fields: each criterion posts "scores[key]".
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Request.Form.Where(f => f.Key.StartsWith("scores[", StringComparison.Ordinal) && f.Key.EndsWith(']')))
        {
            var key = field.Key["scores[".Length..^1];
            var text = field.Value.ToString().Trim();
            PostedScores[key] = text;
            if (text.Length == 0)
            {
                continue;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
            {
                scores[key] = points;
            }
            else
            {
                Errors[$"scores.{key}"] = localizer["Give a whole number of points."];
            }
        }

        PostedComment = comment;
        if (Errors.Count == 0)
        {
            var result = await reviews.ReviewAsync(applicationId, users.GetUserId(User)!, scores, comment, noConflict: null, cancellationToken);
            switch (result.Outcome)
            {
                case ReviewOutcome.Ok:
                    Message = localizer["Your score sheet was submitted. Thank you."].Value;
                    return RedirectToPage("/Reviews/Show", new { applicationId });
                case ReviewOutcome.NotFound or ReviewOutcome.Withdrawn:
                    return NotFound();
                case ReviewOutcome.Invalid:
                    foreach (var (field, messages) in result.Errors)
                    {
                        Errors[field] = string.Join(" ", messages);
                    }

                    break;
                default:
                    Error = result.Message;
                    break;
            }
        }

        await ShowApplicationAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> DeclareAsync(string applicationId, bool noConflict, CancellationToken cancellationToken)
    {
        var result = await reviews.ReviewAsync(applicationId, users.GetUserId(User)!, scores: null, comment: null, noConflict, cancellationToken);
        switch (result.Outcome)
        {
            case ReviewOutcome.NotFound:
                return NotFound();
            case ReviewOutcome.Withdrawn:
                Message = localizer["You declared a conflict of interest and no longer review this application."].Value;
                return RedirectToPage("/Reviews/Index");
            case ReviewOutcome.Ok:
                return RedirectToPage("/Reviews/Show", new { applicationId });
            default:
                // Declaring a conflict after submitting the sheet is refused; the page says why.
                if (!await LoadAsync(applicationId, cancellationToken))
                {
                    return NotFound();
                }

                Error = result.Message ?? string.Join(" ", result.Errors.Values.SelectMany(v => v));
                await ShowApplicationAsync(cancellationToken);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string applicationId, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == applicationId && r.ReviewerId == userId, cancellationToken);
        var application = review is null ? null : await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (review is null || application is null)
        {
            return false;
        }

        (Review, Application) = (review, application);
        Programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        return true;
    }

    /// <summary>The answers and files, only once the reviewer has declared no conflict of interest.</summary>
    private async Task ShowApplicationAsync(CancellationToken cancellationToken)
    {
        if (Review.NoConflictDeclaredUtc is null)
        {
            return;
        }

        var files = await db.ApplicationAttachments.AsNoTracking().Where(a => a.ApplicationId == Application.Id).ToListAsync(cancellationToken);
        Answers = ApplicationAnswers.View(Application, Application.FormUnder(Programme), files, CultureInfo.CurrentUICulture, localizer["Requested amount"]);
    }
}
