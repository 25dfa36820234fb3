using Incubator.Web.Features.Directory;

namespace Incubator.Web.Features.Organisations.Admin;

/// <summary>
/// A part of the back-office page of an organisation (its relationship page, <c>/admin/organisations/{id}</c>) that
/// another feature draws: People lists the organisation's people there, Pipeline its stage and the buttons to move it.
/// The page knows no such feature; it asks every registered section for what to show, in <see cref="Order"/>, above
/// the timeline. A section's forms post to the contributing feature's own pages, which send the user back here.
/// </summary>
internal interface IOrganisationPageSection
{
    /// <summary>Where the section stands among the others, smaller first.</summary>
    int Order { get; }

    /// <summary>The partial view and its model for this organisation, or null when the section has nothing to show.</summary>
    Task<OrganisationPageSectionView?> BuildAsync(OrganisationPageContext page, CancellationToken cancellationToken);
}

/// <summary>The organisation (its latest version) whose page is drawn, and whether the reader may change things on it.</summary>
internal sealed record OrganisationPageContext(DirectoryProfile Organisation, bool MayAct);

/// <summary>A section's partial view (a path, e.g. <c>/Features/People/Admin/_OrganisationPeople.cshtml</c>) and its model.</summary>
internal sealed record OrganisationPageSectionView(string Partial, object Model);
