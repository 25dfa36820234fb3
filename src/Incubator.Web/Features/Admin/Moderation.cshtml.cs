using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Admin;

/// <summary>
/// The queue of profiles their owners submitted: staff publish them or send them back with a comment.
/// The workflow issue moves this decision onto the workflow engine.
/// </summary>
public sealed class ModerationModel(IncubatorDbContext db, ContentManager content, UserManager<Account.User> users, IStringLocalizer<ModerationModel> localizer) : PageModel
{
    public List<(ContentTypeDefinition Type, DirectoryProfile Profile)> Queue { get; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["Message"] as string;
        Error = TempData["Error"] as string;
        foreach (var type in OrganisationAccess.Kinds)
        {
            var submitted = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .Where(x => x.Latest && x.DeletedUtc == null && x.ReviewState == ReviewState.Submitted)
                .OrderBy(x => x.SubmittedUtc).ToListAsync(cancellationToken);
            Queue.AddRange(submitted.Select(p => (type, p)));
        }

        Queue.Sort((a, b) => Nullable.Compare(a.Profile.SubmittedUtc, b.Profile.SubmittedUtc));
    }

    public Task<IActionResult> OnPostApproveAsync(string type, string id, CancellationToken cancellationToken) =>
        ActAsync(type, t => content.ApproveAsync(t, id, users.GetUserId(User)!, cancellationToken), "Published.");

    public Task<IActionResult> OnPostReturnAsync(string type, string id, string? comment, CancellationToken cancellationToken) =>
        ActAsync(type, t => content.ReturnAsync(t, id, users.GetUserId(User)!, comment ?? string.Empty, cancellationToken), "Sent back to the applicant.");

    private async Task<IActionResult> ActAsync(string type, Func<ContentTypeDefinition, Task> action, string message)
    {
        if (OrganisationAccess.Kinds.FirstOrDefault(k => k.Route == type) is not { } definition)
        {
            return NotFound();
        }

        try
        {
            await action(definition);
            TempData["Message"] = localizer[message].Value;
        }
        catch (ContentRuleException ex)
        {
            TempData["Error"] = localizer[ex.Message].Value;
        }

        return Redirect("/admin/moderation");
    }
}
