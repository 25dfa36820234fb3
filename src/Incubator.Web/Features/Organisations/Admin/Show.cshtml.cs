using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Timeline;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations.Admin;

/// <summary>
/// An organisation's relationship page (any directory entry): who it is, links to its editor and public profile, the
/// sections other features contribute in their order, then everything that happened to it on one timeline.
/// </summary>
internal sealed class ShowModel(
    IncubatorDbContext db, IEnumerable<IOrganisationPageSection> sections, OrganisationTimeline timelines, TaxonomyService taxonomies,
    IAuthorizationService authorization) : PageModel
{
    public ContentTypeDefinition Type { get; private set; } = DirectoryContentTypes.Startup;
    public DirectoryProfile Organisation { get; private set; } = null!;
    public IReadOnlyList<string> Sectors { get; private set; } = [];
    public string? Locality { get; private set; }
    public string? PublicUrl { get; private set; }
    public List<OrganisationPageSectionView> Sections { get; } = [];
    public TimelineSubject Subject { get; private set; } = null!;
    public TimelineViewer Viewer { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DirectoryEntries.FindAsync(db, id, cancellationToken) is not var (type, organisation))
        {
            return NotFound();
        }

        (Type, Organisation) = (type, organisation);
        Sectors = await taxonomies.NamesAsync(TaxonomyTerm.Sectors, organisation.Sectors, cancellationToken);
        Locality = organisation.Locality is { } locality ? await taxonomies.NameAsync(TaxonomyTerm.Localities, locality, cancellationToken) : null;

        // The public address is the published version's, which may differ from the latest draft's slug.
        var published = Type.Query(db).Where(x => x.ContentItemId == id && x.Published && x.DeletedUtc == null).Select(x => x.Slug);
        PublicUrl = await published.FirstOrDefaultAsync(cancellationToken) is { } slug
            ? Type.PublicUrl(slug)
            : null;

        var page = new OrganisationPageContext(organisation, (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded);
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (await section.BuildAsync(page, cancellationToken) is { } view)
            {
                Sections.Add(view);
            }
        }

        Subject = OrganisationTimeline.Subject(organisation.ContentItemId);
        Viewer = await timelines.ViewerAsync(User, organisation);
        return Page();
    }
}
