using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Directory;

internal sealed record DirectoryFilter(string? Sector, string? Locality, string? Stage, int Page = 1, int PageSize = DirectoryFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 100;
}

internal sealed record DirectoryPage(int Total, IReadOnlyList<DirectoryProfile> Items, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The public directory: published profiles only, filtered by sector, locality (a province includes its communes) and stage.</summary>
internal sealed class DirectoryQueries(IncubatorDbContext db, TaxonomyService taxonomies, ContentTypeRegistry types)
{
    /// <summary>The directory type listed at this route, or null.</summary>
    public ContentTypeDefinition? TypeAt(string? route) => types.ByRoute(route) is { IsDirectory: true } t ? t : null;

    public async Task<DirectoryPage> ListAsync(ContentTypeDefinition type, DirectoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(filter);
        var query = Published(type);
        if (!string.IsNullOrEmpty(filter.Sector))
        {
            query = query.Where(x => x.Sectors.Contains(filter.Sector));
        }

        if (!string.IsNullOrEmpty(filter.Locality))
        {
            var localities = (await taxonomies.LocalitiesAsync(cancellationToken)).Within(filter.Locality);
            query = query.WhereLocalityIn(x => x.Locality, localities);
        }

        if (!string.IsNullOrEmpty(filter.Stage))
        {
            query = type == DirectoryContentTypes.Startup
                ? query.Where(x => ((Startup)x).Stage == filter.Stage)
                : query.Where(x => false);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(x => x.Title).ThenBy(x => x.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return new DirectoryPage(total, items, filter.Page, filter.PageSize);
    }

    public Task<DirectoryProfile?> BySlugAsync(ContentTypeDefinition type, string slug, CancellationToken cancellationToken = default) =>
        Published(type).FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);

    private IQueryable<DirectoryProfile> Published(ContentTypeDefinition type) =>
        type.Query(db).AsNoTracking().OfType<DirectoryProfile>().Where(x => x.Published && x.DeletedUtc == null);
}
