namespace Incubator.Web.Features.Notifications;

/// <summary>
/// What a feature adds to the notices about its items: a sentence after the template's text, e.g. the decision's
/// number, date and amount in an approval, or why the council did not pass an application. Registered with
/// <see cref="NotificationsModule.AddNoticeDetails{T}"/>; the workflow's e-mails ask when they are queued (in each of
/// their languages), the notifications page when it is read (in the reader's), so a notice stores no rendered text.
/// </summary>
internal interface INoticeDetails
{
    /// <summary>The templates this source adds to.</summary>
    IReadOnlySet<string> Templates { get; }

    /// <summary>
    /// The sentence for each of the items (those it has one for), in the current UI culture. It reads through the
    /// scope's DbContext with tracking, so a notice queued in the step that changed the item sees that change.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> DetailsAsync(string template, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);
}
