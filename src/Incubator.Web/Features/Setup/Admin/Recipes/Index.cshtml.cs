using System.Text;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup.Admin.Recipes;

/// <summary>A recipe file of the recipes folder as the page lists it.</summary>
internal sealed record RecipeFile(string File, string? Name, string? Description, IReadOnlyList<string> Steps, string? Error, DateTime? LastRunUtc);

/// <summary>
/// /admin/recipes (staff and administrators): the recipes in the recipes folder with when each last ran here, a check
/// that changes nothing, a run in the background with its progress, an uploaded recipe (checked before it runs, read
/// in memory and never stored) and the site's export as a recipe.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(RecipeRunner runner, RecipeJobs jobs, RecipeExporter exporter, IAuthorizationService authorization, PermissionGrants grants, TimeProvider clock, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public const long MaxUploadBytes = 2 * 1024 * 1024;
    private const string Extension = ".recipe.json";

    public IReadOnlyList<RecipeFile> Recipes { get; private set; } = [];
    public RecipeJobState Job { get; private set; } = jobs.State;
    [TempData]
    public string? Message { get; set; }

    /// <summary>The outcome of a check: the recipe's name and step count when valid, or why it was refused.</summary>
    public string? Checked { get; private set; }
    public string? Refusal { get; private set; }

    public bool Busy => Job.Status == RecipeJobStatus.Running;

    /// <summary>Why the last run failed, in the reader's language when the recipe was refused.</summary>
    public string? JobError => Job.Error is { } error ? RecipeMessages.Describe(error, localizer) : Job.Message;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(bool content, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var json = await SiteExport.ExportAsync(exporter, now, content, cancellationToken);
        return File(Encoding.UTF8.GetBytes(json), "application/json", SiteExport.FileName(now, content));
    }

    public async Task<IActionResult> OnPostCheckAsync(string? file, CancellationToken cancellationToken) =>
        await ReadFolderAsync(file, cancellationToken) is { } json ? await CheckOrRunAsync(json, run: false, cancellationToken) : NotFound();

    public async Task<IActionResult> OnPostRunAsync(string? file, CancellationToken cancellationToken) =>
        await ReadFolderAsync(file, cancellationToken) is { } json ? await CheckOrRunAsync(json, run: true, cancellationToken) : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload, string? then, CancellationToken cancellationToken)
    {
        string? problem = null;
        string? json = null;
        if (upload is null || upload.Length == 0)
        {
            problem = localizer["Choose a recipe file to upload."].Value;
        }
        else if (upload.Length > MaxUploadBytes)
        {
            problem = localizer["The file is larger than 2 MB; a recipe is refused above that size."].Value;
        }
        else
        {
            // Read in memory and never written anywhere: an uploaded recipe is run, not kept.
            using var stream = upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            try
            {
                json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                problem = localizer["The file is not UTF-8 text, so it cannot be a recipe."].Value;
            }
        }

        if (json is null)
        {
            Refusal = problem;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await CheckOrRunAsync(json, run: then == "run", cancellationToken);
    }

    /// <summary>The badge's class, as the admin theme names statuses.</summary>
    public static string StatusClass(RecipeJobStatus status) => status switch
    {
        RecipeJobStatus.Running => "running",
        RecipeJobStatus.Done => "done",
        RecipeJobStatus.Failed => "failed",
        _ => "none",
    };

    /// <summary>The localisation key of a run's status.</summary>
    public static string StatusName(RecipeJobStatus status) => status switch
    {
        RecipeJobStatus.Running => "Running",
        RecipeJobStatus.Done => "Done",
        RecipeJobStatus.Failed => "Failed",
        _ => "No recipe has run since the site started",
    };

    private async Task<IActionResult> CheckOrRunAsync(string json, bool run, CancellationToken cancellationToken)
    {
        Recipe recipe;
        try
        {
            recipe = await runner.CheckAsync(json, null, cancellationToken);
            var administrator = (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded;
            if (await grants.RefuseChangesAsync(recipe, administrator, cancellationToken) is { } refusal)
            {
                throw refusal;
            }
        }
        catch (RecipeException ex)
        {
            Refusal = RecipeMessages.Describe(ex, localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (!run)
        {
            Checked = localizer["Recipe \"{0}\" is valid: {1} steps. Nothing was changed.", recipe.Name, recipe.Steps.Count].Value;
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (!jobs.TryStart(recipe, json))
        {
            Refusal = localizer["Another recipe is running; wait until it ends, then start this one again."].Value;
            await LoadAsync(cancellationToken);
            return Conflicted();
        }

        Message = localizer["Recipe \"{0}\" started; this page shows its progress.", recipe.Name].Value;
        return RedirectToPage();
    }

    private PageResult Conflicted()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private async Task<string?> ReadFolderAsync(string? file, CancellationToken cancellationToken)
    {
        // Only a name the folder lists is read, so a posted path can never reach another file.
        var path = RecipePaths().FirstOrDefault(p => string.Equals(Path.GetFileName(p), file, StringComparison.Ordinal));
        return path is null ? null : await System.IO.File.ReadAllTextAsync(path, cancellationToken);
    }

    private IEnumerable<string> RecipePaths() => System.IO.Directory.Exists(runner.Folder)
        ? System.IO.Directory.EnumerateFiles(runner.Folder, "*" + Extension).Order(StringComparer.Ordinal)
        : [];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Job = jobs.State;
        var lastRuns = await runner.LastRunsAsync(cancellationToken);
        var list = new List<RecipeFile>();
        foreach (var path in RecipePaths())
        {
            var file = Path.GetFileName(path);
            try
            {
                var recipe = RecipeReader.Parse(await System.IO.File.ReadAllTextAsync(path, cancellationToken));
                list.Add(new RecipeFile(file, recipe.Name, recipe.Description, [.. recipe.Steps.Select(s => s.Name)], null, lastRuns.TryGetValue(recipe.Name, out var at) ? at : null));
            }
            catch (RecipeException ex)
            {
                list.Add(new RecipeFile(file, null, null, [], RecipeMessages.Describe(ex, localizer), null));
            }
        }

        Recipes = list;
    }
}
