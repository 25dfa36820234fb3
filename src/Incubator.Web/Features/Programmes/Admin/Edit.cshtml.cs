using System.Text.Json;
using Incubator.Core.Content;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>A problem with the posted definition: where it is (a JSON path, as the API names it) and what is wrong.</summary>
internal sealed record DefinitionError(string Path, string Message);

/// <summary>
/// A programme's definition edited as the JSON the API and recipes use, saved through the same service, so the three
/// refuse and accept alike. Leaders read it; staff and administrators save it.
/// </summary>
internal sealed class EditModel(
    ProgrammeService programmes, IAuthorizationService authorization, UserManager<User> users, TimeProvider clock, IStringLocalizer<EditModel> localizer) : PageModel
{
    public const string NewId = "new";

    public Programme? Programme { get; private set; }
    public bool IsNew => Programme is null;
    public bool MayEdit { get; private set; }
    public string Definition { get; private set; } = string.Empty;
    public List<DefinitionError> Errors { get; } = [];
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Definition = Programme is null ? Skeleton(clock.GetUtcNow().UtcDateTime) : ProgrammeDefinition.From(Programme).ToJson();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? definition, string? then, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        Definition = definition ?? string.Empty;
        ProgrammeDefinition parsed;
        try
        {
            parsed = ProgrammeDefinition.Parse(Definition);
        }
        catch (JsonException ex)
        {
            // The reader's message names the line and the property, which is what staff need to find the mistake.
            var path = (ex.Path ?? string.Empty).TrimStart('$').TrimStart('.');
            Errors.Add(new DefinitionError(path, localizer["This is not a programme in the documented JSON shape: {0}", ex.Message]));
            return Page();
        }

        // Creating must not take over an existing programme through its key, as the API refuses it too.
        if (IsNew && parsed.Key is { } key && await programmes.LatestAsync(key, cancellationToken) is not null)
        {
            Errors.Add(new DefinitionError("key", localizer["Another programme already uses this key."]));
            return Page();
        }

        var publish = then == "publish";
        var result = await programmes.SaveAsync(parsed, Programme?.ContentItemId, users.GetUserId(User), publish, cancellationToken);
        if (!result.Succeeded)
        {
            Errors.AddRange(Describe(parsed, result.Errors));
            return Page();
        }

        Message = localizer[!result.Changed ? "Nothing changed." : publish ? "Saved and published." : "Saved as a draft."].Value;
        return RedirectToPage("/Programmes/Admin/Edit", new { id = result.Programme!.ContentItemId });
    }

    /// <summary>The errors in the reader's language; the rubric's are rebuilt from their parts so they translate with their numbers.</summary>
    private List<DefinitionError> Describe(ProgrammeDefinition definition, IReadOnlyDictionary<string, string> errors)
    {
        var rubric = definition.Rubric is null ? [] : definition.Rubric.Validate().GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return [.. errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new DefinitionError(e.Key,
            rubric.TryGetValue(e.Key, out var scoring) ? localizer[scoring.Message, scoring.Arguments].Value : localizer[e.Value].Value))];
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        if (id == NewId)
        {
            return true;
        }

        Programme = await programmes.LatestAsync(id, cancellationToken);
        return Programme is not null && Programme.ContentItemId == id;
    }

    /// <summary>A programme to start from: every field present, the texts staff must write left empty.</summary>
    private static string Skeleton(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var offset = TimeSpan.FromHours(7);
        var opens = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), offset);
        var closes = new DateTimeOffset(today.AddMonths(1).ToDateTime(new TimeOnly(23, 59, 59)), offset);
        return new ProgrammeDefinition(
            Key: "", Name: new LocalizedText("", ""), LegalBasis: "", SupportType: "", EligibleKinds: ["startup", "enterprise"],
            Rounds: [new ProgrammeRound(today.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture) + "-1", opens, closes)],
            Budget: 0, MaxPerApplication: 0, CoFundingShare: 0.3m,
            Form: [new FormField("summary", FormFieldType.LongText, new LocalizedText("", ""), Required: true, MaxLength: 4000)],
            Rubric: new Rubric(70, [new RubricCriterion("novelty", new LocalizedText("", ""), 20)]),
            Workflow: "support-approval", Description: "", EligibleLocalities: [], Targets: []).ToJson();
    }
}
