using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// The directory's contribution to search: a public document per published profile, with its sectors, locality
/// (found by the commune's and its province's names) and a startup's stage as facets and keywords.
/// </summary>
internal sealed class DirectorySearch(IncubatorDbContext db, SearchTerms terms, ContentFieldsService contentFields, ContentTypeRegistry types) : ISearchSource
{
    public IReadOnlyList<string> Types => [.. types.Directory.Select(t => t.Name)];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var definition = types.ByName(type);
        var ids = itemIds.ToList();
        var profiles = await definition.Query(db).AsNoTracking()
            .Where(x => ids.Contains(x.ContentItemId) && x.Published && x.DeletedUtc == null)
            .Cast<DirectoryProfile>()
            .ToListAsync(cancellationToken);
        // The custom fields a recipe marked searchable (and public) are found like the type's own text.
        var searchable = (await contentFields.CustomAsync(type, cancellationToken)).Where(f => f.Searchable && f.Public).Select(f => f.Name).ToList();
        var documents = new List<SearchDocument>(profiles.Count);
        foreach (var p in profiles)
        {
            var custom = searchable.Select(name => CustomValues.Get(p, name)).Where(v => v is not null and not "true");
            var stage = (p as Startup)?.Stage;
            documents.Add(new SearchDocument
            {
                Type = type,
                ItemId = p.ContentItemId,
                Slug = p.Slug,
                Title = p.Title,
                Url = definition.PublicUrl(p.Slug),
                Summary = p.Summary,
                Body = string.Join('\n', new[] { p.Description }.Concat(Specific(p)).Concat(custom).Where(s => !string.IsNullOrWhiteSpace(s))),
                Keywords = await terms.KeywordsAsync(p.Sectors, p.Locality, stage, cancellationToken),
                Public = true,
                Sectors = p.Sectors,
                Locality = p.Locality,
                Stage = stage,
                UpdatedUtc = p.PublishedUtc ?? p.ModifiedUtc,
                Image = p.Logo,
            });
        }

        return documents;
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await types.ByName(type).Query(db).Where(x => x.Published && x.DeletedUtc == null).Select(x => x.ContentItemId).ToListAsync(cancellationToken);

    /// <summary>What each kind of profile wants found besides its description.</summary>
    private static IEnumerable<string?> Specific(DirectoryProfile profile) => profile switch
    {
        Startup s => [s.TeamOrCompany, s.Products, s.TaxCode],
        Enterprise e => [e.Technologies, e.CertificateNumber, e.CertificateIssuer, e.TaxCode],
        Mentor m => [m.Expertise, m.OrganisationName],
        _ => [],
    };
}
