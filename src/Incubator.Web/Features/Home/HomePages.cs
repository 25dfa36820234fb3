using Incubator.Web.Data;
using Incubator.Web.Features.Pages;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Home;

/// <summary>The portal's published pages linked from the home page, kept in the <see cref="DataCache"/> until a page is saved.</summary>
internal sealed class HomePages(IncubatorDbContext db, DataCache cache)
{
    public const int Count = 12;

    public sealed record Link(string Slug, string Title);

    public Task<IReadOnlyList<Link>> GetAsync(CancellationToken cancellationToken) =>
        cache.GetAsync<IReadOnlyList<Link>>("home:pages", [typeof(SitePage)], async token =>
            await db.SitePages.AsNoTracking().Where(x => x.Published && x.DeletedUtc == null)
                .OrderBy(x => x.CreatedUtc).ThenBy(x => x.Id).Take(Count)
                .Select(x => new Link(x.Slug, x.Title)).ToListAsync(token), cancellationToken);
}
