using Incubator.Core.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Workflows;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// Turns a directory profile's lifecycle into workflow events: "profile-submitted" when it is submitted for review,
/// "profile-changed" when its owner edits it (which takes it out of review until it is submitted again, so staff never
/// publish what they have not seen). Deleting a profile cancels its unfinished instances. All in the After stage, so
/// the workflow step is saved in the same SaveChanges as the change itself.
/// </summary>
internal sealed class ProfileWorkflowEvents(Lazy<WorkflowService> workflowService) : IContentHandler
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

        // Lazy, because the workflows' effects publish profiles through the ContentManager that raises this event: the
        // two really do call each other (a review publishes, publishing raises events), so one side must come later.
        var workflows = workflowService.Value;
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

        await workflows.RaiseAsync(eventName, ProfileWorkflowItems.Kind, profile.ContentItemId, contentEvent.UserId, cancellationToken);
    }
}
