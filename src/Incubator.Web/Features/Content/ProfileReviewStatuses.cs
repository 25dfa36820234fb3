namespace Incubator.Web.Features.Content;

/// <summary>The catalogue of review statuses a workflow's setStatus steps may give a directory profile.</summary>
internal static class ProfileReviewStatuses
{
    /// <summary>Waiting for staff's review.</summary>
    public const string Submitted = "submitted";

    /// <summary>Sent back to the owner for changes, with staff's comment.</summary>
    public const string Returned = "returned";

    /// <summary>Approved: the latest version is published.</summary>
    public const string Published = "published";

    /// <summary>Out of review, unpublished changes kept.</summary>
    public const string Draft = "draft";
}
