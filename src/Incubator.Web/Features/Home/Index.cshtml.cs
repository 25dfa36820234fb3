using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Home;

internal sealed class IndexModel(IncubatorDbContext db, ContentTypeRegistry types) : PageModel
{
    public List<(ContentTypeDefinition Type, int Count)> Counts { get; } = [];
    public List<NewsArticle> News { get; private set; } = [];
    public List<SitePage> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var type in types.Directory)
        {
            Counts.Add((type, await type.Query(db).CountAsync(x => x.Published && x.DeletedUtc == null, cancellationToken)));
        }

        News = await db.News.AsNoTracking().Where(x => x.Published && x.DeletedUtc == null)
            .OrderByDescending(x => x.PublishedUtc).Take(3).ToListAsync(cancellationToken);
        Pages = await db.SitePages.AsNoTracking().Where(x => x.Published && x.DeletedUtc == null)
            .OrderBy(x => x.CreatedUtc).ThenBy(x => x.Id).Take(12).ToListAsync(cancellationToken);
    }
}
