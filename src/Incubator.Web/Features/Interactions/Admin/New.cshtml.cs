using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>
/// Logs an interaction. Opened from an organisation's or a person's timeline it comes prefilled with them; the rest of
/// the defaults are what an officer logs most: a meeting, now, with themself taking part.
/// </summary>
internal sealed class NewModel(
    SaveInteraction save, RelationshipDirectory directory, RelationshipPicker picker, InteractionAttachments attachments, UserManager<User> users, TimeProvider clock,
    IStringLocalizer<NewModel> localizer)
    : InteractionFormModel(directory, picker, attachments, users, localizer)
{
    public async Task<IActionResult> OnGetAsync(string? organisation, string? person, string? kind, CancellationToken cancellationToken)
    {
        var now = VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime);
        var staff = await Directory.StaffAsync([UserId], cancellationToken);
        Input = new InteractionFormInput
        {
            Kind = InteractionLabels.KindOf(kind) is { } k ? InteractionLabels.Code(k) : "meeting",
            Date = now.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            Time = now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            OrganisationIds = organisation is not null && (await Directory.OrganisationsAsync([organisation], cancellationToken)).ContainsKey(organisation) ? [organisation] : [],
            PersonIds = person is not null && (await Directory.PeopleAsync([person], cancellationToken)).ContainsKey(person) ? [person] : [],
            StaffIds = staff.ContainsKey(UserId) ? [UserId] : [],
        };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Searching)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        if (Read() is { } input && ModelState.IsValid && await StoreFilesAsync(cancellationToken) is { } files)
        {
            var result = await save.CreateAsync(input, files, UserId, cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToPage("/Interactions/Admin/Show", new { id = result.Value!.Id });
            }

            Discard(files);
            AddRefusal(result);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }
}
