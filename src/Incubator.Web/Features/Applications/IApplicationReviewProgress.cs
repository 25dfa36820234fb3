namespace Incubator.Web.Features.Applications;

/// <summary>
/// The reviewers' progress and the council's mean score, which another feature keeps (Reviews): the queue shows and
/// sorts by them without knowing how reviews are stored or consolidated.
/// </summary>
internal interface IApplicationReviewProgress
{
    /// <summary>
    /// The progress of each application whose id <paramref name="applicationIds"/> yields that has any reviewer; the
    /// ids come as a query so the answer is read in one go however many there are, never one application at a time.
    /// </summary>
    Task<IReadOnlyDictionary<string, ReviewProgress>> ForAsync(IQueryable<string> applicationIds, CancellationToken cancellationToken);
}
