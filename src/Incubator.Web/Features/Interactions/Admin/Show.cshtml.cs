using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>One interaction with its body rendered safely, who took part, and its attachments as downloads (staff only).</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ShowModel(IncubatorDbContext db, RelationshipDirectory directory, InteractionAttachments attachments) : PageModel
{
    public Interaction Interaction { get; private set; } = null!;
    public Dictionary<string, string> Organisations { get; private set; } = [];
    public Dictionary<string, string> People { get; private set; } = [];
    public Dictionary<string, string> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var interaction = await db.Set<Interaction>().AsNoTracking().Include(i => i.Participants).Include(i => i.Attachments).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
        {
            return NotFound();
        }

        Interaction = interaction;
        Organisations = await directory.OrganisationsAsync([.. Ids(ParticipantKind.Organisation)], cancellationToken);
        People = await directory.PeopleAsync([.. Ids(ParticipantKind.Person)], cancellationToken);
        Users = await directory.UserNamesAsync([.. Ids(ParticipantKind.Staff).Append(interaction.CreatedBy ?? string.Empty)], cancellationToken);
        return Page();
    }

    /// <summary>An attachment of this interaction, always as a download.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(string id, long attachmentId, CancellationToken cancellationToken)
    {
        var attachment = await db.Set<InteractionAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.InteractionId == id, cancellationToken);
        if (attachment is null || attachments.Store.Open(attachment.StoredName) is not { } file)
        {
            return NotFound();
        }

        await AttachmentDownload.Create(file.Content, file.ContentType, attachment.DisplayName).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public IEnumerable<string> Ids(ParticipantKind kind) => Interaction.Participants.Where(p => p.Kind == kind).Select(p => p.RefId);
}
