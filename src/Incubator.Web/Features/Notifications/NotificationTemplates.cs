using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Notifications;

/// <summary>
/// The texts of workflow notifications (and, through <see cref="INotificationTexts"/>, the other features'), by template key, in the current UI culture. The item's title is inserted as
/// given: the e-mail passes it HTML-encoded, a page lets Razor encode it.
/// </summary>
internal static class NotificationTemplates
{
    /// <summary>The texts of <paramref name="template"/>: a feature's own (<paramref name="features"/>) first, else the workflows' below.</summary>
    public static (string Subject, string Body) Render(IStringLocalizer localizer, string template, string title, IEnumerable<INotificationTexts> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var feature in features)
        {
            if (feature.Render(localizer, template, title) is { } texts)
            {
                return texts;
            }
        }

        return Render(localizer, template, title);
    }

    public static (string Subject, string Body) Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template switch
        {
            "profile-submitted" => (localizer["A profile waits for review"], localizer["The profile \"{0}\" was submitted and waits for review.", title]),
            "profile-approved" => (localizer["Your profile was approved"], localizer["Your profile \"{0}\" was approved.", title]),
            "profile-returned" => (localizer["Your profile was returned"], localizer["Your profile \"{0}\" was returned for changes. Edit it and submit it again.", title]),
            "application-submitted" => (localizer["An application waits for screening"], localizer["The application \"{0}\" was submitted and waits for screening.", title]),
            "application-received" => (localizer["Your application was received"], localizer["\"{0}\" was received and waits for screening. You can follow it on its page.", title]),
            "application-in-review" => (localizer["Your application is being reviewed"], localizer["\"{0}\" passed screening and is now with the expert reviewers.", title]),
            "information-requested" => (localizer["More information is needed for your application"], localizer["Staff need more information about \"{0}\". Supply it within 10 working days, or the application is closed.", title]),
            "application-closed-unanswered" => (localizer["Your application was closed"], localizer["\"{0}\" was closed because the requested information did not arrive in time.", title]),
            "review-assigned" => (localizer["An application was assigned to you for review"], localizer["Please review and score \"{0}\".", title]),
            "review-reminder" => (localizer["Reminder: a review waits for you"], localizer["Your review of \"{0}\" has not been submitted yet.", title]),
            "decision-requested" => (localizer["An application waits for your decision"], localizer["\"{0}\" passed review and waits for a decision.", title]),
            "application-approved" => (localizer["Your application was approved"], localizer["\"{0}\" was approved for support.", title]),
            "application-rejected" => (localizer["Your application was not approved"], localizer["\"{0}\" was not approved. The reason is in its history.", title]),
            "reviewer-withdrawn" => (localizer["A reviewer was withdrawn for a conflict of interest"], localizer["A reviewer of \"{0}\" has a conflict of interest with the applicant and no longer reviews it. Assign another reviewer.", title]),
            "report-returned" => (localizer["Your report was returned"], localizer["The report for \"{0}\" was returned for changes.", title]),
            _ => (localizer["An item needs your attention"], localizer["There is news about \"{0}\".", title]),
        };
    }
}
