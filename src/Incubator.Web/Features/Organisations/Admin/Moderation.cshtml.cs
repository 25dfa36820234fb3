using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations.Admin;

/// <summary>
/// The queue of profiles their owners submitted. The decision is the profile-publication workflow's: each entry shows
/// the actions its waiting instance offers the signed-in user, which post to the workflow like every other action.
/// </summary>
internal sealed class ModerationModel(IncubatorDbContext db, WorkflowService workflows, UserManager<Account.User> users) : PageModel
{
    public List<(ContentTypeDefinition Type, DirectoryProfile Profile, WorkflowPanel? Workflow)> Queue { get; } = [];
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var submitted = new List<(ContentTypeDefinition Type, DirectoryProfile Profile)>();
        foreach (var type in OrganisationAccess.Kinds)
        {
            var profiles = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .Where(x => x.Latest && x.DeletedUtc == null && x.ReviewState == ReviewState.Submitted)
                .ToListAsync(cancellationToken);
            submitted.AddRange(profiles.Select(p => (type, p)));
        }

        foreach (var (type, profile) in submitted.OrderBy(s => s.Profile.SubmittedUtc))
        {
            Queue.Add((type, profile, await workflows.PanelAsync(profile.ContentItemId, userId, cancellationToken)));
        }
    }
}
