namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// A part of the back-office application page that another feature draws: Reviews shows the reviewers and the
/// council's scores there. The page knows no such feature; it asks every registered section for what to show, in
/// <see cref="Order"/>, between the applicant's answers and the decision. A section's forms post to the contributing
/// feature's own pages, which send the user back to the application page with their message.
/// </summary>
internal interface IApplicationPageSection
{
    /// <summary>Where the section stands among the others, smaller first.</summary>
    int Order { get; }

    /// <summary>The partial view and its model for this application, or null when the section has nothing to show.</summary>
    Task<ApplicationPageSectionView?> BuildAsync(ApplicationPageContext page, CancellationToken cancellationToken);
}
