using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations.Admin;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// A part of what an organisation's owner sees of it that another feature draws: Mentoring shows its mentors and a
/// link to find one, Cohorts its cohort and milestones. The owner's organisation page (<c>/my/organisations/{id}</c>)
/// and the incubation page (<c>/my/incubation</c>) know no such feature; they ask every registered section, in
/// <see cref="Order"/>, and draw the partial views they return. A section's links and forms go to the contributing
/// feature's own pages, which check the owner again.
/// </summary>
internal interface IOwnerOrganisationSection
{
    /// <summary>Where the section stands among the others, smaller first.</summary>
    int Order { get; }

    /// <summary>The partial view and its model for this organisation, or null when the section has nothing to show here.</summary>
    Task<OrganisationPageSectionView?> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken);
}

/// <summary>Which owner's page a section is drawn on.</summary>
internal enum OwnerPage
{
    /// <summary><c>/my/organisations/{id}</c>: the profile form, with each section a short summary and its links.</summary>
    Profile,

    /// <summary><c>/my/incubation</c>: everything about the organisation's incubation.</summary>
    Incubation,
}

/// <summary>The organisation (its latest version, owned by <paramref name="UserId"/>), its kind, and the page drawn.</summary>
internal sealed record OwnerOrganisationContext(ContentTypeDefinition Type, DirectoryProfile Organisation, string UserId, OwnerPage Page);

/// <summary>Asks the registered <see cref="IOwnerOrganisationSection"/>s for their views of one organisation.</summary>
internal sealed class OwnerOrganisationSections(IEnumerable<IOwnerOrganisationSection> sections)
{
    public async Task<IReadOnlyList<OrganisationPageSectionView>> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken)
    {
        var views = new List<OrganisationPageSectionView>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (await section.BuildAsync(page, cancellationToken) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }
}
