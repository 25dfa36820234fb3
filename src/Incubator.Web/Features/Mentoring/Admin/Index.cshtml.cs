using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring.Admin;

/// <summary>Staff's list of mentor matches, filtered by status (waiting requests first), with confirm and decline for the waiting ones.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(IncubatorDbContext db, MatchCommands commands, UserManager<User> users, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<MentorMatch> Matches { get; private set; } = [];
    public Dictionary<string, string> Organisations { get; private set; } = [];
    public Dictionary<string, string> Mentors { get; private set; } = [];
    public string Status { get; private set; } = "requested";
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? status, int? p, CancellationToken cancellationToken)
    {
        Status = status is "active" or "declined" or "ended" or "all" ? status : "requested";
        PageNumber = Math.Max(1, p ?? 1);
        var query = db.Set<MentorMatch>().AsNoTracking();
        query = Status switch
        {
            "active" => query.Where(m => m.Status == MatchStatus.Active),
            "declined" => query.Where(m => m.Status == MatchStatus.Declined),
            "ended" => query.Where(m => m.Status == MatchStatus.Ended),
            "all" => query,
            _ => query.Where(m => m.Status == MatchStatus.Requested),
        };
        Total = await query.CountAsync(cancellationToken);
        Matches = await query.OrderByDescending(m => m.RequestedUtc).ThenBy(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Organisations = await MentoringNames.OrganisationsAsync(db, [.. Matches.Select(m => m.OrganisationId).Distinct()], cancellationToken);
        Mentors = await MentoringNames.MentorsAsync(db, [.. Matches.Select(m => m.MentorId).Distinct()], cancellationToken);
    }

    public Task<IActionResult> OnPostConfirmAsync(string id, CancellationToken cancellationToken) => AnswerAsync(id, accept: true, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string id, CancellationToken cancellationToken) => AnswerAsync(id, accept: false, cancellationToken);

    /// <summary>Staff match an organisation with a mentor (by id or e-mail) at once, from the organisation's page, and go back there.</summary>
    public async Task<IActionResult> OnPostMatchAsync(string? organisationId, string? mentorId, string? mentorEmail, CancellationToken cancellationToken)
    {
        var result = await commands.RequestAsync(
            new MatchCommands.Request(organisationId, string.IsNullOrWhiteSpace(mentorId) ? null : mentorId, string.IsNullOrWhiteSpace(mentorEmail) ? null : mentorEmail),
            new MentoringCaller(users.GetUserId(User)!, Staff: true), cancellationToken);
        if (result.Errors.ContainsKey("organisationId"))
        {
            return NotFound();
        }

        TempData[MentoringSection.MessageKey] = MatchCommands.Outcome(result, "The match is confirmed.", localizer);
        return RedirectToPage("/Organisations/Admin/Show", null, new { id = organisationId }, "mentoring");
    }

    public async Task<IActionResult> OnPostEndAsync(string matchId, string? reason, CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(matchId, reason, new MentoringCaller(users.GetUserId(User)!, Staff: true), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = MatchCommands.Outcome(result, "The match has ended.", localizer);
        return RedirectToPage("/Mentoring/Admin/Index");
    }

    private async Task<IActionResult> AnswerAsync(string id, bool accept, CancellationToken cancellationToken)
    {
        var result = await commands.AnswerAsync(id, accept, new MentoringCaller(users.GetUserId(User)!, Staff: true), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? localizer[accept ? "The match is confirmed." : "The request was declined."] : localizer[result.Detail ?? "Nothing was changed."];
        return RedirectToPage("/Mentoring/Admin/Index");
    }
}
