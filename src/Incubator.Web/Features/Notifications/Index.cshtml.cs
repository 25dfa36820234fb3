using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Notifications;

/// <summary>The signed-in user's notifications, newest first; only ever their own.</summary>
[Authorize]
internal sealed class IndexModel(IncubatorDbContext db, UserManager<Account.User> users, NoticeDetails details, TimeProvider clock) : PageModel
{
    private const int Shown = 100;

    public List<Notification> Notifications { get; private set; } = [];

    /// <summary>What the items' features add to their notices, in the reader's language (see <see cref="INoticeDetails"/>).</summary>
    public Dictionary<(string Template, string ItemId), string> Details { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(Shown).ToListAsync(cancellationToken);
        Details = await details.ForAsync(Notifications.Select(n => (n.Template, n.ItemId)), cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), cancellationToken);
        return RedirectToPage("/Notifications/Index");
    }
}
