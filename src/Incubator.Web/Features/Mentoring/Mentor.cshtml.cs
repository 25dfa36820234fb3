using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>A mentor's own area: the startups' requests waiting for an answer, the active matches, and their details for matching.</summary>
[Authorize(Roles = Roles.Mentor)]
internal sealed class MentorModel(
    IncubatorDbContext db, MentorProfiles profiles, MatchCommands commands, TaxonomyService taxonomies, UserManager<User> users, IStringLocalizer<MentorModel> localizer) : PageModel
{
    public static readonly IReadOnlyList<string> LanguageCodes = ["vi", "en"];

    public sealed class DetailsForm
    {
        public List<string> Expertise { get; set; } = [];
        public List<string> Sectors { get; set; } = [];
        public List<string> Stages { get; set; } = [];
        public List<string> Languages { get; set; } = [];
        public int? HoursPerMonth { get; set; }
        public bool AcceptsRequests { get; set; }
    }

    [BindProperty]
    public DetailsForm Form { get; set; } = new();

    public MentorDetails? Details { get; private set; }
    public IReadOnlyList<MentorMatch> Requests { get; private set; } = [];
    public IReadOnlyList<MentorMatch> Active { get; private set; } = [];
    public Dictionary<string, string> Organisations { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> ExpertiseTerms { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> SectorTerms { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> StageTerms { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Details is { } d)
        {
            Form = new DetailsForm
            {
                Expertise = d.Expertise, Sectors = d.Sectors, Stages = d.Stages, Languages = d.Languages, HoursPerMonth = d.HoursPerMonth, AcceptsRequests = d.AcceptsRequests,
            };
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        var result = await profiles.SaveMineAsync(
            account!.Id, account.DisplayName ?? account.Email ?? account.Id,
            new MentorProfiles.ProfileRequest(null, Form.Expertise, Form.Sectors, Form.Stages, Form.Languages, Form.HoursPerMonth ?? 0, Form.AcceptsRequests), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer, nameof(Form));
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = localizer["Your details are saved."];
        return RedirectToPage("/Mentoring/Mentor");
    }

    public Task<IActionResult> OnPostAcceptAsync(string id, CancellationToken cancellationToken) => AnswerAsync(id, accept: true, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string id, CancellationToken cancellationToken) => AnswerAsync(id, accept: false, cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(string matchId, string? reason, CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(matchId, reason, new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = MatchCommands.Outcome(result, "The match has ended.", localizer);
        return RedirectToPage("/Mentoring/Mentor");
    }

    private async Task<IActionResult> AnswerAsync(string id, bool accept, CancellationToken cancellationToken)
    {
        var result = await commands.AnswerAsync(id, accept, new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? localizer[accept ? "You accepted the request." : "You declined the request."] : localizer[result.Detail ?? "Nothing was changed."];
        return RedirectToPage("/Mentoring/Mentor");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Details = await profiles.MineAsync(users.GetUserId(User)!, cancellationToken);
        ExpertiseTerms = await taxonomies.TermsAsync(TaxonomyTerm.Expertise, cancellationToken);
        SectorTerms = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        StageTerms = await taxonomies.TermsAsync(TaxonomyTerm.Stages, cancellationToken);
        if (Details is null)
        {
            return;
        }

        var mentorId = Details.MentorId;
        var open = await db.Set<MentorMatch>().AsNoTracking()
            .Where(m => m.MentorId == mentorId && (m.Status == MatchStatus.Requested || m.Status == MatchStatus.Active))
            .OrderByDescending(m => m.RequestedUtc).Take(200).ToListAsync(cancellationToken);
        Requests = [.. open.Where(m => m.Status == MatchStatus.Requested)];
        Active = [.. open.Where(m => m.Status == MatchStatus.Active)];
        Organisations = await MentoringNames.OrganisationsAsync(db, [.. open.Select(m => m.OrganisationId).Distinct()], cancellationToken);
    }
}
