using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Records.Admin;

/// <summary>
/// Creates, edits and deletes one record. Every field is checked before anything is written, and a refused form
/// comes back with what was typed and the reason beside each field. Leaders see the record but get no form.
/// The fields are the record kind's, read by <see cref="RecordInput"/> like the recipes' records, so the form is drawn
/// from the kind rather than from properties; its refusals go to ModelState by field key like any other form's.
/// </summary>
internal sealed class EditModel(
    IncubatorDbContext db, TaxonomyService taxonomies, IAuthorizationService authorization, TimeProvider clock,
    IStringLocalizer<EditModel> localizer, ILogger<EditModel> logger) : PageModel
{
    public const string NewId = "new";

    public RecordKind Kind { get; private set; } = RecordKinds.Ip;
    public RecordBase? Record { get; private set; }
    public bool IsNew => Record is null;
    public bool MayEdit { get; private set; }
    public RecordDisplay Display { get; private set; } = null!;
    [TempData]
    public string? Message { get; set; }

    /// <summary>The form's values as text, by field key: the record's, or what was posted when it was refused.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync([FromRoute] string kind, [FromRoute] string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(kind, id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (IsNew && !MayEdit)
        {
            return Forbid();
        }

        foreach (var field in Kind.Fields)
        {
            Values[field.Key] = Record is null ? Default(field) : field.Raw(Record);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string kind, [FromRoute] string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(kind, id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        var form = Request.HasFormContentType ? Request.Form : null;
        string? Posted(string key) => form is not null && form.TryGetValue(key, out var values) ? values.ToString() : null;
        foreach (var field in Kind.Fields)
        {
            Values[field.Key] = Posted(field.Key);
        }

        var lookups = await RecordLookupsLoader.LoadAsync(db, taxonomies, cancellationToken);
        var input = RecordInput.Read(Kind, Posted, RecordSource.Form, lookups);
        if (!input.IsValid)
        {
            foreach (var (key, error) in input.Errors)
            {
                ModelState.AddModelError(key, Display.Error(error));
            }

            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = Record ?? Kind.New();
        var changed = input.ApplyTo(Kind, record);
        if (Record is null)
        {
            // Staff records get a key nobody has to invent; recipes bring stable keys of their own.
            record.Key = Guid.NewGuid().ToString("N");
            record.CreatedUtc = now;
            Kind.Add(db, record);
            changed = true;
        }

        if (changed)
        {
            record.UpdatedUtc = now;
            record.UpdatedBy = User.Identity?.Name;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Record {Kind} {Key} saved by {User}", Kind.Slug, record.Key, User.Identity?.Name);
        }

        Message = localizer[changed ? "The record was saved." : "Nothing changed."].Value;
        return RedirectToPage("/Records/Admin/List", new { kind = Kind.Slug });
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromRoute] string kind, [FromRoute] string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(kind, id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        if (Record is null)
        {
            return NotFound();
        }

        Kind.Remove(db, Record);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Record {Kind} {Key} deleted by {User}", Kind.Slug, Record.Key, User.Identity?.Name);
        Message = localizer["The record was deleted."].Value;
        return RedirectToPage("/Records/Admin/List", new { kind = Kind.Slug });
    }

    /// <summary>Finds the kind and the record; returns the result to give instead when either is missing.</summary>
    private async Task<IActionResult?> LoadAsync(string kind, string id, CancellationToken cancellationToken)
    {
        if (RecordKinds.BySlug(kind) is not { } found)
        {
            return NotFound();
        }

        Kind = found;
        if (id != NewId)
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || await Kind.FindAsync(db, number, cancellationToken) is not { } record)
            {
                return NotFound();
            }

            Record = record;
        }

        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Display = await RecordDisplay.LoadAsync(db, taxonomies, localizer, cancellationToken);
        return null;
    }

    /// <summary>A new record starts on the first choice of each list and with every flag off.</summary>
    private static string? Default(RecordField field) => field.Type switch
    {
        RecordFieldType.Choice => field.Choices[0].Code,
        RecordFieldType.Boolean => "false",
        _ => null,
    };
}
