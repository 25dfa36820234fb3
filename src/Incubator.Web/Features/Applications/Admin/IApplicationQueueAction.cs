namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// A bulk action on the queue's selected applications that another feature brings (Reviews: choose reviewers
/// automatically). The queue knows no such feature: it draws each registered action's partial view, in
/// <see cref="Order"/>, inside its form of selected rows, and the partial's button posts that form (the ids, and a
/// <c>back</c> address to return to) to the contributing feature's own page, which answers the queue with its
/// <c>Message</c>, <c>Error</c> and <c>ErrorField</c> (the name of the input at fault) in TempData.
/// </summary>
internal interface IApplicationQueueAction
{
    /// <summary>Where the action stands among the others, smaller first.</summary>
    int Order { get; }

    /// <summary>The path of the partial view that draws the action's inputs and button.</summary>
    string Partial { get; }
}
