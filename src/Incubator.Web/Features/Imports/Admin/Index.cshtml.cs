using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Imports.Admin;

/// <summary>
/// /admin/import (staff): upload a .csv or .xlsx of people or organisations, see every row with its values and errors,
/// then import them all in one transaction, or nothing while any row has an error. The file waits for the import in
/// <see cref="ImportStore"/>, bound to the staff member who uploaded it by a protected ticket the page carries.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Uploads)]
internal sealed class IndexModel(ImportStore store, ImportPeople people, ImportOrganisations organisations, UserManager<User> users, IStringLocalizer<IndexModel> localizer) : PageModel
{
    /// <summary>Where a person's back-office page lives (the People feature's), for the link beside a duplicate.</summary>
    public const string PersonPath = "/admin/people/";

    public const int MaxBasisLength = 500;

    [BindProperty(SupportsGet = true)]
    public ImportKind Kind { get; set; } = ImportKind.People;

    /// <summary>The legal basis of the consents the file brings (e.g. the event's sign-up sheet), required when any row consents.</summary>
    [BindProperty]
    public string? Basis { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Why the uploaded file was refused as a whole (type, size, rows, unreadable); shown beside the file input.</summary>
    public string? UploadError { get; private set; }

    /// <summary>Why the import did not happen, when the preview was good before (the database changed meanwhile).</summary>
    public string? ImportError { get; private set; }

    public ImportPreview? Preview { get; private set; }
    public string? FileName { get; private set; }
    public string? Ticket { get; private set; }
    public long MaxMegabytes => store.MaxBytes / (1024 * 1024);
    public int MaxRows => store.MaxRows;

    /// <summary>An empty file with the columns of <paramref name="kind"/>, headers in Vietnamese, to fill in.</summary>
    public IActionResult OnGetTemplate(ImportKind kind)
    {
        var columns = kind == ImportKind.People ? ImportPeople.Columns : ImportOrganisations.Columns;
        return File(Csv.Write([columns.Select(c => c.Headers[0])]), "text/csv; charset=utf-8", kind == ImportKind.People ? "mau-nhap-nguoi.csv" : "mau-nhap-to-chuc.csv");
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        var extension = upload is null ? null : Path.GetExtension(upload.FileName);
        var xlsx = string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase);
        if (upload is null || upload.Length == 0)
        {
            UploadError = localizer["Choose a .csv or .xlsx file."].Value;
        }
        else if (!xlsx && !string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase))
        {
            UploadError = localizer["Only .csv and .xlsx files can be imported; save the sheet as one of those."].Value;
        }
        else if (upload.Length > store.MaxBytes)
        {
            UploadError = TooLarge();
        }

        if (UploadError is not null)
        {
            return Page();
        }

        await using var content = upload!.OpenReadStream();
        var storedName = await store.SaveAsync(content, xlsx ? ".xlsx" : ".csv", cancellationToken);
        if (storedName is null)
        {
            UploadError = TooLarge();
            return Page();
        }

        var ticket = new ImportTicket(users.GetUserId(User)!, storedName, Kind, Path.GetFileName(upload.FileName));
        await CheckAsync(ticket, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? ticket, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        if (store.Unprotect(ticket, userId) is not { } found)
        {
            UploadError = localizer["This preview is no longer valid; upload the file again."].Value;
            return Page();
        }

        Kind = found.Kind;
        var (preview, import) = await CheckAsync(found, cancellationToken);
        if (preview is null || import is null)
        {
            return Page();
        }

        if (!preview.Importable)
        {
            ImportError = localizer["Nothing was imported: the rows below have errors."].Value;
            return Page();
        }

        Basis = string.IsNullOrWhiteSpace(Basis) ? null : Basis.Trim();
        if (preview.HasConsent && Basis is null)
        {
            ModelState.AddModelError(nameof(Basis), localizer["Some rows give consent to the newsletter: state the legal basis of those consents (e.g. the event's sign-up sheet)."].Value);
            return Page();
        }

        if (Basis is { Length: > MaxBasisLength })
        {
            ModelState.AddModelError(nameof(Basis), localizer["The basis must be at most {0} characters.", MaxBasisLength].Value);
            return Page();
        }

        int count;
        try
        {
            count = await import(Basis, userId, cancellationToken);
        }
        catch (ContentConflictException)
        {
            ImportError = localizer["Nothing was imported: someone changed the directory at the same time; try again."].Value;
            return Page();
        }

        store.Delete(found.StoredName);
        Message = Kind == ImportKind.People
            ? localizer["{0} people were imported.", count].Value
            : localizer["{0} organisations were imported.", count].Value;
        return RedirectToPage("/Imports/Admin/Index", new { kind = Kind });
    }

    /// <summary>A duplicate's link to the person already holding the e-mail or phone.</summary>
    public static string PersonLink(string personId) => PersonPath + personId;

    private string TooLarge() =>
        localizer["The file is larger than {0} MB; split it into smaller files.", store.MaxBytes / (1024 * 1024)].Value;

    /// <summary>
    /// Reads and checks the ticket's file, setting the preview; returns the preview and how to import it, or nulls when
    /// the file is gone or cannot be read (said beside the file input; a file that cannot be read is removed at once).
    /// </summary>
    private async Task<(ImportPreview? Preview, Func<string?, string, CancellationToken, Task<int>>? Import)> CheckAsync(ImportTicket ticket, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(ticket.StoredName, cancellationToken) is not { } bytes)
        {
            UploadError = localizer["The uploaded file is no longer kept; upload it again."].Value;
            return (null, null);
        }

        var sheet = ImportSheet.Read(bytes, ticket.StoredName.EndsWith(".xlsx", StringComparison.Ordinal), store.MaxRows);
        if (sheet.Problem != SheetProblem.None)
        {
            store.Delete(ticket.StoredName);
            UploadError = sheet.Problem switch
            {
                SheetProblem.NotUtf8 => localizer["The file is not UTF-8 text; save the CSV as \"CSV UTF-8\"."].Value,
                SheetProblem.Empty => localizer["The file holds no data rows below its header row."].Value,
                SheetProblem.TooManyRows => localizer["The file has more than {0} rows; split it into smaller files.", store.MaxRows].Value,
                _ => localizer["The file cannot be read; check that it is a .csv or .xlsx file and not damaged."].Value,
            };
            return (null, null);
        }

        FileName = ticket.FileName;
        Ticket = store.Protect(ticket);
        if (ticket.Kind == ImportKind.People)
        {
            var plan = await people.CheckAsync(sheet, users.GetUserId(User), cancellationToken);
            Preview = plan.Preview;
            return (Preview, (basis, userId, token) => people.ImportAsync(plan, basis, userId, token));
        }

        var organisationPlan = await organisations.CheckAsync(sheet, cancellationToken);
        Preview = organisationPlan.Preview;
        return (Preview, (_, userId, token) => organisations.ImportAsync(organisationPlan, userId, token));
    }
}
