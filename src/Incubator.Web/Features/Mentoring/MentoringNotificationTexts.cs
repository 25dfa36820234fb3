using Incubator.Web.Features.Notifications;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>The texts of the mentoring notices: a startup asks a mentor (<see cref="MentorRequestNotice"/>).</summary>
internal sealed class MentoringNotificationTexts : INotificationTexts
{
    public (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template == MentorRequestNotice.Template
            ? (localizer["A startup asks you to be its mentor"], localizer["\"{0}\" asks you to be its mentor. Accept or decline on your mentoring page.", title])
            : null;
    }
}
