using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// A startup owner's mentors: the needs they state, the ranked suggestions with their reasons, a button to request
/// one, and the matches requested or under way. Only the owner sees it; anyone else gets 404.
/// </summary>
[Authorize]
internal sealed class MentorsModel(
    IncubatorDbContext db, OrganisationAccess access, MentorProfiles profiles, MentorSuggestions suggestions, MatchCommands commands, TaxonomyService taxonomies,
    UserManager<User> users, IStringLocalizer<MentorsModel> localizer) : PageModel
{
    public sealed class NeedsForm
    {
        public List<string> Needs { get; set; } = [];
        public string? Note { get; set; }
    }

    [BindProperty]
    public NeedsForm Form { get; set; } = new();

    public DirectoryProfile Organisation { get; private set; } = null!;
    public IReadOnlyList<TaxonomyTerm> NeedTerms { get; private set; } = [];
    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];
    public IReadOnlyList<MentorMatch> Matches { get; private set; } = [];
    public Dictionary<string, string> Mentors { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var needs = await profiles.NeedsAsync(id, cancellationToken);
        Form = new NeedsForm { Needs = needs?.Needs ?? [], Note = needs?.Note };
        return Page();
    }

    public async Task<IActionResult> OnPostNeedsAsync(string id, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var result = await profiles.SaveNeedsAsync(id, new MentorProfiles.NeedsRequest(Form.Needs, Form.Note), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer, nameof(Form));
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        Message = localizer["Your needs are saved; the suggestions follow them."];
        return RedirectToPage("/Mentoring/Mentors", new { id });
    }

    public async Task<IActionResult> OnPostRequestAsync(string id, string mentorId, CancellationToken cancellationToken)
    {
        var result = await commands.RequestAsync(new MatchCommands.Request(id, mentorId, null), new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        if (result.Errors.ContainsKey("organisationId"))
        {
            return NotFound();
        }

        Message = result.Succeeded
            ? localizer["Your request is sent; the mentor will answer."]
            : localizer[result.Detail ?? result.Errors.Values.FirstOrDefault() ?? "Nothing was changed."];
        return RedirectToPage("/Mentoring/Mentors", new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(string id, string matchId, string? reason, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is null
            || !await db.Set<MentorMatch>().AnyAsync(m => m.Id == matchId && m.OrganisationId == id, cancellationToken))
        {
            return NotFound();
        }

        var result = await commands.EndAsync(matchId, reason, new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        Message = MatchCommands.Outcome(result, "The match has ended.", localizer);
        return RedirectToPage("/Mentoring/Mentors", new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is not var (_, organisation))
        {
            return false;
        }

        Organisation = organisation;
        NeedTerms = await taxonomies.TermsAsync(TaxonomyTerm.Needs, cancellationToken);
        Suggestions = await suggestions.ForAsync(organisation, cancellationToken);
        Matches = await db.Set<MentorMatch>().AsNoTracking()
            .Where(m => m.OrganisationId == id && (m.Status == MatchStatus.Requested || m.Status == MatchStatus.Active))
            .OrderByDescending(m => m.RequestedUtc).Take(100).ToListAsync(cancellationToken);
        Mentors = await MentoringNames.MentorsAsync(db, [.. Matches.Select(m => m.MentorId).Distinct()], cancellationToken);
        return true;
    }
}
