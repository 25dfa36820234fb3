namespace Incubator.Core.Content;

/// <summary>What happened to a content item.</summary>
public enum ContentAction
{
    /// <summary>First version saved.</summary>
    Created,

    /// <summary>A draft saved.</summary>
    Updated,

    /// <summary>The latest version became the public one.</summary>
    Published,

    /// <summary>Taken off the public site.</summary>
    Unpublished,

    /// <summary>Deleted, history kept.</summary>
    Deleted,

    /// <summary>The owner asked for the profile to be published.</summary>
    Submitted,

    /// <summary>Staff sent the profile back to its owner with a comment.</summary>
    Returned,
}

/// <summary>Whether a handler runs before the change is applied or after it.</summary>
public enum ContentStage
{
    /// <summary>Before the change: a handler may refuse it by throwing <see cref="ContentRuleException"/>.</summary>
    Before,

    /// <summary>
    /// After the change is applied to the entities, still inside the unit of work: whatever a handler adds
    /// (an audit row, an index outbox row, a workflow instance) commits or rolls back with the change.
    /// </summary>
    After,
}

/// <summary>A lifecycle event of one content item.</summary>
/// <param name="Action">What happened.</param>
/// <param name="Stage">Before or after the change.</param>
/// <param name="Item">The version concerned (the one being published, the draft being saved...).</param>
/// <param name="UserId">Who did it; null for the system (recipes, set-up).</param>
/// <param name="Comment">A comment that came with the action, e.g. why a profile was returned.</param>
public sealed record ContentEvent(ContentAction Action, ContentStage Stage, ContentItem Item, string? UserId, string? Comment = null);

/// <summary>Subscribes to content lifecycle events: the one place where search, workflows and the audit plug in.</summary>
public interface IContentHandler
{
    /// <summary>Called for every event of every content type, in registration order.</summary>
    Task HandleAsync(ContentEvent contentEvent, CancellationToken cancellationToken);
}
