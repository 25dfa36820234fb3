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
/// the host, so they invoke this by name; it writes its own small markup, encoded here. A view component must be
/// public to be found, and the site's services are internal, so it takes them from the request.
/// </summary>
public sealed class NotificationsLinkViewComponent(IStringLocalizer<NotificationsLinkViewComponent> localizer, HtmlEncoder encoder)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var users = HttpContext.RequestServices.GetRequiredService<UserManager<Account.User>>();
        if (users.GetUserId(UserClaimsPrincipal) is not { } userId)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }

        var db = HttpContext.RequestServices.GetRequiredService<IncubatorDbContext>();
        var unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadUtc == null, HttpContext.RequestAborted);
        var label = encoder.Encode(localizer["Notifications"]);
        var count = unread == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" <span class=\"count\" aria-label=\"{encoder.Encode(localizer["{0} unread", unread])}\">{unread}</span>");
        return new HtmlContentViewComponentResult(new HtmlString($"<a href=\"{encoder.Encode(Url.Page("/Notifications/Index") ?? "/notifications")}\" class=\"notifications-link\">{label}{count}</a>"));
    }
}
