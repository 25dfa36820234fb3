using System.Globalization;
using System.Text.Encodings.Web;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Notifications;

/// <summary>
/// The "Notifications (n)" link the themes' layouts put in their header for a signed-in user. Themes cannot reference
/// the host, so they invoke this by name; it writes its own small markup, encoded here.
/// </summary>
public sealed class NotificationsLinkViewComponent(IncubatorDbContext db, UserManager<Account.User> users, IStringLocalizer<NotificationsLinkViewComponent> localizer, HtmlEncoder encoder)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (users.GetUserId(UserClaimsPrincipal) is not { } userId)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }

        var unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadUtc == null, HttpContext.RequestAborted);
        var label = encoder.Encode(localizer["Notifications"]);
        var count = unread == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" <span class=\"count\" aria-label=\"{encoder.Encode(localizer["{0} unread", unread])}\">{unread}</span>");
        return new HtmlContentViewComponentResult(new HtmlString($"<a href=\"/notifications\" class=\"notifications-link\">{label}{count}</a>"));
    }
}
