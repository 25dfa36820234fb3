namespace Incubator.Web.Features.Content;

/// <summary>Where an owner's request to have their item published stands.</summary>
internal enum ReviewState
{
    None,
    Submitted,
    Returned,
}
