using Incubator.Core.Content;
using Incubator.Web.Features.Directory;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// Turns a directory profile's lifecycle into workflow events: "profile-submitted" when it is submitted for review,
/// "profile-changed" when its owner edits it (which takes it out of review until it is submitted again, so staff never
/// publish what they have not seen). Deleting a profile cancels its unfinished instances. All in the After stage, so
/// the workflow step is saved in the same SaveChanges as the change itself.
/// </summary>
internal sealed class ProfileWorkflowEvents(IServiceProvider services) : IContentHandler
{
    public const string Submitted = "profile-submitted";
    public const string Changed = "profile-changed";

    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentEvent);
        if (contentEvent.Stage != ContentStage.After || contentEvent.Item is not DirectoryProfile profile)
        {
            return;
        }

        // Resolved per call: the workflow's effects publish profiles through the ContentManager that raises this
        // event, so taking WorkflowService in the constructor would make the two depend on each other.
        var workflows = services.GetRequiredService<WorkflowService>();
        if (contentEvent.Action == ContentAction.Deleted)
        {
            await workflows.CancelUnfinishedAsync(profile.ContentItemId, contentEvent.UserId, cancellationToken);
            return;
        }

        var eventName = contentEvent.Action switch
        {
            ContentAction.Submitted => Submitted,
            ContentAction.Updated when contentEvent.UserId is not null && contentEvent.UserId == profile.OwnerId => Changed,
            _ => null,
        };
        if (eventName is null)
        {
            return;
        }

        await workflows.RaiseAsync(eventName, profile.ContentItemId, contentEvent.UserId, cancellationToken);
    }
}
