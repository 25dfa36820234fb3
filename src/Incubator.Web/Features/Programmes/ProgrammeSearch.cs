using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Programmes;

/// <summary>Published support programmes as public documents: names in both languages, legal basis, description, support type.</summary>
internal sealed class ProgrammeSearch(IncubatorDbContext db, SearchTerms terms) : ISearchSource
{
    public IReadOnlyList<string> Types { get; } = [Programme.TypeName];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var programmes = await db.Programmes.AsNoTracking()
            .Where(x => ids.Contains(x.ContentItemId) && x.Published && x.DeletedUtc == null)
            .ToListAsync(cancellationToken);
        var documents = new List<SearchDocument>(programmes.Count);
        foreach (var p in programmes)
        {
            documents.Add(new SearchDocument
            {
                Type = type,
                ItemId = p.ContentItemId,
                Slug = p.Slug,
                Title = p.Title,
                Url = ProgrammeContentTypes.Programme.PublicUrl(p.Slug),
                Summary = p.LegalBasis,
                Body = string.Join('\n', new[] { p.NameEn, p.Description }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Keywords = await terms.NameAsync(TaxonomyTerm.SupportTypes, p.SupportType, cancellationToken),
                Public = true,
                Locality = p.EligibleLocalities.Count == 1 ? p.EligibleLocalities[0] : null,
                UpdatedUtc = p.PublishedUtc ?? p.ModifiedUtc,
            });
        }

        return documents;
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await db.Programmes.Where(x => x.Published && x.DeletedUtc == null).Select(x => x.ContentItemId).ToListAsync(cancellationToken);
}
