namespace Incubator.Web.Features.Applications;

/// <summary>The columns the back office's queue sorts by; the address names them in lower case (<c>sort=due</c>).</summary>
internal enum QueueSort
{
    Submitted,
    Title,
    Status,

    /// <summary>Days in the current status: descending puts the longest wait first.</summary>
    Waiting,

    /// <summary>The due time of the current step's timer; applications whose step has none come last either way.</summary>
    Due,
    Assignee,

    /// <summary>Reviewers' progress: the share of assigned sheets submitted, then how many.</summary>
    Reviews,

    /// <summary>The council's mean score over the sheets in.</summary>
    Score,
    Requested,
}
