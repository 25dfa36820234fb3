using Incubator.Core.Time;
using Incubator.Web.Features.Content;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Incubator.Web.Features.Pages;

/// <summary>A published page (/pages/{slug}) or news article (/news/{slug}); the body is sanitised Markdown.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
internal sealed class ShowModel(ContentManager content) : PageModel
{
    public Core.Content.ContentItem Item { get; private set; } = null!;
    public string Body { get; private set; } = string.Empty;
    public string? Date { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        ContentTypeDefinition type = HttpContext.Request.Path.StartsWithSegments("/news") ? PageContentTypes.News : PageContentTypes.Page;
        switch (await content.PublishedAsync(type, slug, cancellationToken))
        {
            case SitePage page:
                (Item, Body) = (page, page.Body);
                return Page();
            case NewsArticle article:
                (Item, Body, Date) = (article, article.Body, VietnamTime.FormatDate(article.PublishedUtc ?? article.CreatedUtc));
                return Page();
            default:
                return NotFound();
        }
    }
}
