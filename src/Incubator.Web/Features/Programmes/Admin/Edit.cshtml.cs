using System.Text.Json;
using System.Text.RegularExpressions;
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

namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>
/// The programme builder: basics, rounds, money, the application form, the rubric and the workflow as inputs, saved
/// through the same service (and the same checks) as the API and the recipes. The buttons that add, remove and move
/// rows post the whole form and save nothing, so the page works without script; its script only draws the preview as
/// the officer types. Power users read the JSON and upload a file, which is checked exactly as the inputs are. Leaders
/// read; staff and administrators save.
/// </summary>
internal sealed partial class EditModel(
    ProgrammeService programmes, IncubatorDbContext db, TaxonomyService taxonomies, IEnumerable<IProgrammeFormUsage> usages,
    IAuthorizationService authorization, UserManager<User> users, TimeProvider clock, IStringLocalizer<EditModel> localizer) : PageModel
{
    public const string NewId = "new";

    /// <summary>The largest JSON file taken: a programme's definition is a few kilobytes.</summary>
    public const int MaxUploadKilobytes = 512;

    public const string UploadPath = "upload";
    public const string ConfirmPath = "confirmFormChange";

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public Programme? Programme { get; private set; }
    public bool IsNew => Programme is null;
    public bool MayEdit { get; private set; }
    public ProgrammeDraft Draft { get; private set; } = new();

    /// <summary>The programme as JSON: as saved, or as the inputs describe it while a new one is not saved yet.</summary>
    public string Definition { get; private set; } = string.Empty;

    /// <summary>Every problem in page order: the input's path and the message in the reader's language.</summary>
    public List<KeyValuePair<string, string>> Summary { get; } = [];

    /// <summary>How many applications use the saved form, for telling the officer what a change of it affects.</summary>
    public ProgrammeFormUse FormUse { get; private set; } = ProgrammeFormUse.None;

    /// <summary>The posted form differs from the saved one while applications use it: the officer confirms before it is saved.</summary>
    public bool AsksConfirmation { get; private set; }

    public IReadOnlyList<(string Code, string Name)> SupportTypes { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Localities { get; private set; } = [];
    public IReadOnlyList<(string Key, string Name)> Workflows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Draft = Programme is null ? ProgrammeDraft.New(clock.GetUtcNow().UtcDateTime) : ProgrammeDraft.From(ProgrammeDefinition.From(Programme));
        return await PageAsync(cancellationToken);
    }

    /// <summary>The builder's form: "save" and "publish" save; the row buttons change the inputs and save nothing.</summary>
    public async Task<IActionResult> OnPostAsync(string id, string? command, string? newFieldType, bool confirmFormChange, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        Draft = ProgrammeDraft.Read(Request.Form);
        if (command is "save" or "publish" or null)
        {
            return await SaveAsync(command == "publish", confirmFormChange, cancellationToken);
        }

        Draft.Apply(command, ProgrammeDraft.ReadType(newFieldType), clock.GetUtcNow().UtcDateTime);
        return await PageAsync(cancellationToken);
    }

    /// <summary>A definition uploaded as a JSON file: read into the builder's inputs and saved as they would be.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, IFormFile? file, string? then, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        Draft = Programme is null ? ProgrammeDraft.New(clock.GetUtcNow().UtcDateTime) : ProgrammeDraft.From(ProgrammeDefinition.From(Programme));
        if (file is null || file.Length == 0)
        {
            return await RefuseUploadAsync("Choose a JSON file of a programme to upload.", [], cancellationToken);
        }

        if (file.Length > MaxUploadKilobytes * 1024L)
        {
            return await RefuseUploadAsync("The file is larger than {0} KB; a programme's JSON is a few KB.", [MaxUploadKilobytes], cancellationToken);
        }

        ProgrammeDefinition? parsed;
        try
        {
            await using var stream = file.OpenReadStream();
            parsed = await JsonSerializer.DeserializeAsync<ProgrammeDefinition>(stream, ProgrammeJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            // The reader's own message is English and names .NET types; the officer is told where and what is expected
            // there, in their language, as the API tells its callers.
            var line = (ex.LineNumber ?? 0) + 1;
            if (ex.InnerException is JsonException || ex.Path is null or "$")
            {
                return await RefuseUploadAsync("The file is not a programme in the documented JSON shape: look at line {0}.", [line], cancellationToken);
            }

            var (path, expected) = ApiProblems.Explain(ex, typeof(ProgrammeDefinition), localizer);
            return await RefuseUploadAsync("The file is not a programme in the documented JSON shape: look at line {0}, at {1}. {2}", [line, path, expected], cancellationToken);
        }

        if (parsed is null)
        {
            return await RefuseUploadAsync("The file is not a programme in the documented JSON shape: look at line {0}.", [1], cancellationToken);
        }

        Draft = ProgrammeDraft.From(parsed);
        return await SaveAsync(then == "publish", confirmed: false, cancellationToken);
    }

    /// <summary>The id an input of <paramref name="path"/> carries ("rounds[0].opensAt" → "p-rounds-0-opensAt").</summary>
    public static string Id(string path) => "p-" + NotIdCharacters().Replace(path, "-").Trim('-');

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

    private async Task<IActionResult> SaveAsync(bool publish, bool confirmed, CancellationToken cancellationToken)
    {
        var (definition, errors) = Draft.ToDefinition();
        foreach (var (path, message) in await programmes.ValidateAsync(definition, cancellationToken))
        {
            // What could not be read says so; the definition's check of the missing value would only repeat it less precisely.
            errors.TryAdd(Draft.InputPath(path), message);
        }

        // Creating must not take over an existing programme through its key, as the API refuses it too.
        if (IsNew && definition.Key is { Length: > 0 } key && await programmes.LatestAsync(key, cancellationToken) is not null)
        {
            errors.TryAdd("key", "Another programme already uses this key.");
        }

        if (errors.Count == 0 && Programme is not null && FormUse.Any && !confirmed
            && JsonSerializer.Serialize(definition.Form, ProgrammeJson.Options) != JsonSerializer.Serialize(Programme.Form, ProgrammeJson.Options))
        {
            AsksConfirmation = true;
            errors[ConfirmPath] = "The form changed while applications use it: read what the change affects and tick the box to save it.";
        }

        if (errors.Count > 0)
        {
            Show(errors);
            return await PageAsync(cancellationToken);
        }

        var result = await programmes.SaveAsync(definition, Programme?.ContentItemId, users.GetUserId(User), publish, cancellationToken);
        if (!result.Succeeded)
        {
            Show(result.Errors);
            return await PageAsync(cancellationToken);
        }

        Message = localizer[!result.Changed ? "Nothing changed." : publish ? "Saved and published." : "Saved as a draft."].Value;
        return RedirectToPage("/Programmes/Admin/Edit", new { id = result.Programme!.ContentItemId });
    }

    private async Task<IActionResult> RefuseUploadAsync(string message, object[] arguments, CancellationToken cancellationToken)
    {
        _errors[UploadPath] = localizer[message, arguments].Value;
        Summary.Add(new(UploadPath, _errors[UploadPath]));
        return await PageAsync(cancellationToken);
    }

    /// <summary>Puts each problem beside the input it concerns, worded for the builder where the definition's words speak JSON.</summary>
    private void Show(IReadOnlyDictionary<string, string> errors)
    {
        // A problem of the input itself comes before one that lands there from a key made of it.
        foreach (var (path, message) in errors.OrderBy(e => Rank(Target(e.Key))).ThenBy(e => Target(e.Key) == e.Key ? 0 : 1).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var target = Target(path);
            var text = localizer[Reworded(message)].Value;
            if (_errors.TryAdd(target, text))
            {
                Summary.Add(new(target, text));
            }
        }
    }

    /// <summary>The input a definition's path is shown beside: keys are made from names and labels, so their problems stand there.</summary>
    private static string Target(string path)
    {
        if (path == "name")
        {
            return "name.vi";
        }

        if (path.StartsWith("eligibleLocalities[", StringComparison.Ordinal))
        {
            return "eligibleLocalities";
        }

        if (path == "rubric")
        {
            return "rubric.passMark";
        }

        if (RowKey().Match(path) is { Success: true } row)
        {
            return row.Groups["row"].Value + (row.Groups["row"].Value.StartsWith("form", StringComparison.Ordinal) || row.Groups["row"].Value.StartsWith("rubric", StringComparison.Ordinal) ? ".label.vi" : ".name.vi");
        }

        return path;
    }

    private static string Reworded(string message) => message switch
    {
        "Give the applicant's co-funding share between 0 and 1, e.g. 0.3." => "Give the applicant's co-funding share as a percentage from 0 to 100, e.g. 30.",
        "List who may apply: startup, enterprise or both." => "Choose who may apply.",
        "Name an installed workflow type, e.g. support-approval." => "Choose the workflow applications follow.",
        _ => message,
    };

    /// <summary>The page's order of sections, so the summary at the top lists problems as the officer meets them.</summary>
    private static int Rank(string path) => path switch
    {
        _ when path.StartsWith("rounds", StringComparison.Ordinal) => 1,
        "budget" or "maxPerApplication" or "coFundingShare" => 2,
        _ when path.StartsWith("form", StringComparison.Ordinal) => 3,
        _ when path.StartsWith("rubric", StringComparison.Ordinal) => 4,
        "workflow" => 5,
        ConfirmPath => 6,
        _ => 0,
    };

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        if (id == NewId)
        {
            return true;
        }

        Programme = await programmes.LatestAsync(id, cancellationToken);
        if (Programme is null || Programme.ContentItemId != id)
        {
            return false;
        }

        foreach (var usage in usages)
        {
            var use = await usage.CountAsync(Programme.ContentItemId, cancellationToken);
            FormUse = new ProgrammeFormUse(FormUse.Submitted + use.Submitted, FormUse.Drafts + use.Drafts);
        }

        return true;
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        var english = TaxonomyService.English;
        SupportTypes = [.. (await taxonomies.TermsAsync(TaxonomyTerm.SupportTypes, cancellationToken)).Select(t => (t.Code, t.Name(english)))];
        Localities = [.. (await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken)).Select(t => (t.Code, t.Name(english)))];
        var types = await db.WorkflowTypes.AsNoTracking().Select(t => new { t.Key, t.Version, t.Name }).ToListAsync(cancellationToken);
        Workflows = [.. types.GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => g.OrderByDescending(t => t.Version).First()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Name))];
        Definition = Programme is not null ? ProgrammeDefinition.From(Programme).ToJson() : Draft.ToDefinition().Definition.ToJson();
        return Page();
    }

    [GeneratedRegex("[^a-zA-Z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotIdCharacters();

    [GeneratedRegex(@"\A(?<row>(?:rounds|form|rubric\.criteria)\[\d+\])(?:\.key)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RowKey();
}
