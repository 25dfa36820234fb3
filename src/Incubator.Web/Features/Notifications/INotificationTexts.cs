using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Notifications;

/// <summary>
/// A feature's notification texts: the subject and the sentence of each template it sends (e.g. Mentoring's
/// "mentor-requested"), in the current UI culture, with the item's title inserted as given. Registered with
/// <see cref="NotificationsModule.AddNotificationTexts{T}"/>, so the notifications page and the e-mails render a
/// feature's notices without <see cref="NotificationTemplates"/> knowing the feature. An implementation keeps no state.
/// </summary>
internal interface INotificationTexts
{
    /// <summary>The template's texts, or null when the template is not this feature's.</summary>
    (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title);
}
