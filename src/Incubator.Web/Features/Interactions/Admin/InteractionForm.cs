using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>The fields of the interaction form as posted; the date and time are Vietnam time.</summary>
internal sealed class InteractionFormInput
{
    public string Kind { get; set; } = "meeting";
    public string? Date { get; set; }
    public string? Time { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public List<string> OrganisationIds { get; set; } = [];
    public List<string> PersonIds { get; set; } = [];
    public List<string> StaffIds { get; set; } = [];
    public string Visibility { get; set; } = "staff";
    public int Version { get; set; }
}

/// <summary>
/// What the new and edit pages share: the choices, reading the posted form into an <see cref="InteractionInput"/>
/// (refusals beside their fields), and storing the uploaded files through the safe store before the save, removing
/// them again when the save is refused.
/// </summary>
internal abstract class InteractionFormModel(
    RelationshipDirectory directory, RelationshipPicker picker, InteractionAttachments attachments, UserManager<User> users, IStringLocalizer localizer)
    : RelationshipFormModel(directory, picker, users)
{
    [BindProperty]
    public InteractionFormInput Input { get; set; } = new();

    protected Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        LoadPickersAsync(multiple: true, Input.OrganisationIds, Input.PersonIds, cancellationToken);

    /// <summary>The form as a command's input, or null with the refusals in ModelState.</summary>
    protected InteractionInput? Read()
    {
        var kind = InteractionLabels.KindOf(Input.Kind);
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", localizer["Choose a kind."]);
        }

        var visibility = InteractionLabels.VisibilityOf(Input.Visibility);
        if (visibility is null)
        {
            ModelState.AddModelError("Input.Visibility", localizer["Choose who may see it."]);
        }

        DateTime at = default;
        if (!VietnamTime.TryParseDate(Input.Date, out var date))
        {
            ModelState.AddModelError("Input.Date", localizer["Enter a date as dd/MM/yyyy."]);
        }
        else if (!TimeOnly.TryParseExact(Input.Time?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            ModelState.AddModelError("Input.Time", localizer["Enter a time as HH:mm."]);
        }
        else
        {
            at = SaveInteraction.ToUtc(date.ToDateTime(time));
        }

        return kind is null || visibility is null || at == default
            ? null
            : new InteractionInput(kind.Value, at, Input.Subject, Input.Body, Input.OrganisationIds, Input.PersonIds, Input.StaffIds, visibility.Value);
    }

    /// <summary>Stores the uploads; on a refused file, removes those stored and says why beside the field.</summary>
    protected async Task<List<StoredAttachment>?> StoreFilesAsync(CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        foreach (var file in Request.HasFormContentType ? Request.Form.Files.Where(f => f.Name == "Files") : [])
        {
            switch (await attachments.Store.SaveAsync(file, cancellationToken))
            {
                case StoredAttachment ok:
                    stored.Add(ok);
                    break;
                case RefusedAttachment refused:
                    Discard(stored);
                    ModelState.AddModelError("Files", localizer[refused.Message]);
                    return null;
            }
        }

        return stored;
    }

    protected void Discard(IEnumerable<StoredAttachment> stored)
    {
        foreach (var file in stored)
        {
            attachments.Store.Delete(file.StoredName);
        }
    }

    protected void AddRefusal(Incubator.Core.Results.CommandResult result)
    {
        foreach (var (key, message) in result.Errors)
        {
            ModelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], localizer[message]);
        }

        if (result.Detail is { } detail)
        {
            ModelState.AddModelError(string.Empty, localizer[detail]);
        }
    }
}
