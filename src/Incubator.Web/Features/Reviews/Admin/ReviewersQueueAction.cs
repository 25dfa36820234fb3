using Incubator.Web.Features.Applications.Admin;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>The queue's bulk action "choose reviewers automatically", posting to <see cref="BulkReviewersModel"/>.</summary>
internal sealed class ReviewersQueueAction : IApplicationQueueAction
{
    public int Order => 100;

    public string Partial => "/Features/Reviews/Admin/_ReviewersQueueAction.cshtml";
}
