namespace Incubator.Web.Features.Content;

/// <summary>Where an owner's request to have their item published stands.</summary>
public enum ReviewState
{
    None,
    Submitted,
    Returned,
}
