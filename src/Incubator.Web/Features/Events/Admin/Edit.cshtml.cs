using System.Text.RegularExpressions;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Admin;

/// <summary>
/// The event editor (/admin/events/new and /admin/events/{slug}/edit): every field of the event in one form, saved
/// through <see cref="EventCommands"/> (the API's checks), each refusal beside its input. The question rows' buttons post
/// the whole form and save nothing, so the page works without script. A form drawn from an older version of the event
/// than the one saved now is refused, so one officer's save never silently undoes another's.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed partial class EditModel(
    EventCommands commands, IncubatorDbContext db, TaxonomyService taxonomies, UserManager<User> users, TimeProvider clock, IStringLocalizer<EditModel> localizer) : PageModel
{
    /// <summary>The most programmes, cohorts or segments a select offers.</summary>
    public const int MaxChoices = 500;

    public const string StalePath = "stamp";

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public Event? Event { get; private set; }
    public bool IsNew => Event is null;
    public EventDraft Draft { get; private set; } = new();

    /// <summary>Every problem in page order: the input's path and the message in the reader's language.</summary>
    public List<KeyValuePair<string, string>> Summary { get; } = [];

    public IReadOnlyList<(string Code, string Name)> Kinds { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, bool Child)> Localities { get; private set; } = [];
    public IReadOnlyList<(string Key, string Name)> Cohorts { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Segments { get; private set; } = [];
    public IReadOnlyList<(string Key, string Name)> Programmes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Draft = Event is null ? EventDraft.New(clock.GetUtcNow().UtcDateTime) : EventDraft.From(Event);
        return await PageAsync(cancellationToken);
    }

    /// <summary>"save" saves; the question rows' buttons change the inputs and save nothing.</summary>
    public async Task<IActionResult> OnPostAsync([FromRoute] string? slug, string? command, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Draft = EventDraft.Read(Request.Form);
        if (command is not (null or "save") && Draft.Apply(command))
        {
            return await PageAsync(cancellationToken);
        }

        if (Event is not null && Draft.Stamp != EventDraft.StampOf(Event))
        {
            Show(new Dictionary<string, string> { [StalePath] = "Someone changed this event after you opened it. Open it again to see their change, then make yours." });
            return await PageAsync(cancellationToken);
        }

        var userId = users.GetUserId(User);
        var result = Event is null
            ? await commands.CreateAsync(Draft.ToInput(), userId, cancellationToken)
            : await commands.UpdateAsync(Event.ContentItemId, Draft.ToInput(), userId, cancellationToken);
        if (result.Status == Core.Results.CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Show(result.Errors);
            return await PageAsync(cancellationToken);
        }

        Message = localizer[result.Value!.Published ? "Saved and published." : "Saved as a draft."].Value;
        return RedirectToPage("/Events/Admin/Edit", new { slug = result.Value.Slug });
    }

    /// <summary>The id an input of <paramref name="path"/> carries ("questions[0].label.vi" → "e-questions-0-label-vi").</summary>
    public static string Id(string path) => "e-" + NotIdCharacters().Replace(path, "-").Trim('-');

    /// <summary>The problem with the input of <paramref name="path"/>, in the reader's language, or null.</summary>
    public string? ErrorOf(string path) => _errors.GetValueOrDefault(path);

    /// <summary>What an input's aria-describedby names: its hint (when it has one) and its error (when it has one).</summary>
    public string? DescribedBy(string path, bool hasHint = false)
    {
        var ids = new List<string>();
        if (hasHint)
        {
            ids.Add(Id(path) + "-hint");
        }

        if (_errors.ContainsKey(path))
        {
            ids.Add(Id(path) + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The problems beside their inputs and, in page order, in the summary at the top.</summary>
    private void Show(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (path, message) in errors.OrderBy(e => Rank(e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var text = localizer[message].Value;
            if (_errors.TryAdd(path, text))
            {
                Summary.Add(new(path, text));
            }
        }
    }

    /// <summary>The inputs' order on the page, so the summary lists problems as the officer meets them.</summary>
    private static int Rank(string path) => path switch
    {
        StalePath => -1,
        "slug" => 0,
        "title.vi" => 1,
        "title.en" => 2,
        "kind" => 3,
        "description" => 4,
        "startsAt" => 5,
        "endsAt" => 6,
        "place" => 7,
        "locality" => 8,
        "onlineUrl" => 9,
        "organiser" => 10,
        "capacity" => 11,
        "registrationOpensAt" => 12,
        "registrationClosesAt" => 13,
        "audience" => 14,
        "feeNote" => 15,
        "programmeKey" => 16,
        _ when path.StartsWith("questions", StringComparison.Ordinal) => 17,
        _ => 18,
    };

    private async Task<bool> LoadAsync(string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            return true;
        }

        Event = await commands.LatestAsync(slug, cancellationToken);
        return Event is not null && Event.Slug == slug;
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        var english = TaxonomyService.English;
        var kinds = await taxonomies.TermsAsync(TaxonomyTerm.EventKinds, cancellationToken);
        Kinds = kinds.Count > 0 ? [.. kinds.Select(t => (t.Code, t.Name(english)))] : [.. EventKinds.All.Select(k => (k, k))];
        Localities = [.. (await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken)).Select(t => (t.Code, t.Name(english), t.ParentCode is not null))];
        var cohorts = await db.Set<Cohort>().AsNoTracking().OrderByDescending(c => c.StartsOn).Take(MaxChoices).Select(c => new { c.Key, c.NameVi, c.NameEn }).ToListAsync(cancellationToken);
        Cohorts = [.. cohorts.Select(c => (c.Key, english && c.NameEn.Length > 0 ? c.NameEn : c.NameVi))];
        Segments = [.. (await db.Set<Segment>().AsNoTracking().OrderBy(s => s.Name).Take(MaxChoices).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];
        Programmes = [.. (await db.Programmes.AsNoTracking().Where(p => p.Latest && p.DeletedUtc == null).OrderBy(p => p.Slug).Take(MaxChoices)
            .Select(p => new { p.Slug, p.Title }).ToListAsync(cancellationToken)).Select(p => (p.Slug, p.Title))];
        return Page();
    }

    [GeneratedRegex("[^a-zA-Z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotIdCharacters();
}
