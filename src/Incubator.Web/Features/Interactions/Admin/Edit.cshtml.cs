using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>Changes an interaction; files added here join those it has.</summary>
internal sealed class EditModel(
    IncubatorDbContext db, SaveInteraction save, RelationshipDirectory directory, RelationshipPicker picker, InteractionAttachments attachments, UserManager<User> users,
    IStringLocalizer<EditModel> localizer)
    : InteractionFormModel(directory, picker, attachments, users, localizer)
{
    public string Id { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var interaction = await db.Set<Interaction>().AsNoTracking().Include(i => i.Participants).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
        {
            return NotFound();
        }

        Id = id;
        var local = VietnamTime.ToLocal(interaction.AtUtc);
        Input = new InteractionFormInput
        {
            Kind = InteractionLabels.Code(interaction.Kind),
            Date = local.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Subject = interaction.Subject,
            Body = interaction.Body,
            OrganisationIds = [.. interaction.Participants.Where(p => p.Kind == ParticipantKind.Organisation).Select(p => p.RefId)],
            PersonIds = [.. interaction.Participants.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.RefId)],
            StaffIds = [.. interaction.Participants.Where(p => p.Kind == ParticipantKind.Staff).Select(p => p.RefId)],
            Visibility = InteractionLabels.Code(interaction.Visibility),
            Version = interaction.RowVersion,
        };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Id = id;
        if (Searching)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        if (Read() is { } input && ModelState.IsValid && await StoreFilesAsync(cancellationToken) is { } files)
        {
            var result = await save.UpdateAsync(id, Input.Version, input, files, UserId, cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToPage("/Interactions/Admin/Show", new { id });
            }

            Discard(files);
            if (result.Status == Incubator.Core.Results.CommandStatus.NotFound)
            {
                return NotFound();
            }

            AddRefusal(result);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }
}
