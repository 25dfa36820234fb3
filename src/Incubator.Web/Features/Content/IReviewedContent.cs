namespace Incubator.Web.Features.Content;

/// <summary>
/// A content item whose owner asks staff to publish it (the directory's profiles). The content engine submits and
/// returns such items through this, so it needs to know no content type that uses it.
/// </summary>
internal interface IReviewedContent
{
    ReviewState ReviewState { get; set; }
    string? ReviewComment { get; set; }
    DateTime? SubmittedUtc { get; set; }
}
