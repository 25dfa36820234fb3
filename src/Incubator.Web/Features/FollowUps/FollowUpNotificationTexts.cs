using Incubator.Web.Features.Notifications;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps;

/// <summary>The texts of the follow-up tasks' notices: due today, overdue.</summary>
internal sealed class FollowUpNotificationTexts : INotificationTexts
{
    public (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template switch
        {
            "task-due" => (localizer["A task is due today"], localizer["Your task \"{0}\" is due today.", title]),
            "task-overdue" => (localizer["A task is overdue"], localizer["Your task \"{0}\" is overdue and still open.", title]),
            _ => null,
        };
    }
}
