using Incubator.Web.Features.Notifications;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts;

/// <summary>The texts of the cohorts' notices: an overdue milestone.</summary>
internal sealed class CohortNotificationTexts : INotificationTexts
{
    public (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template == CohortReminderService.Template
            ? (localizer["A cohort milestone is overdue"], localizer["The milestone \"{0}\" is overdue and not done yet.", title])
            : null;
    }
}
