using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pages;

[OutputCache(PolicyName = PublicPageCache.Policy)]
internal sealed class NewsModel(IncubatorDbContext db) : PageModel
{
    private const int PageSize = 12;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<NewsArticle> Articles { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var page = await db.News.AsNoTracking().Where(x => x.Published && x.DeletedUtc == null)
            .OrderByDescending(x => x.PublishedUtc).ThenByDescending(x => x.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Articles = [.. page.Take(PageSize)];
    }
}
