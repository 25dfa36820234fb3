using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Content.Admin;

internal sealed class ListModel(IncubatorDbContext db, ContentTypeRegistry types) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ContentTypeDefinition Type { get; private set; } = null!;
    public int Total { get; private set; }
    public List<(ContentItem Item, bool HasPublished)> Items { get; } = [];

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken cancellationToken)
    {
        if (types.ByRoute(type) is not { } definition)
        {
            return NotFound();
        }

        Type = definition;
        PageNumber = Math.Max(1, PageNumber);
        var latest = definition.Query(db).AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Core.Text.VietnameseText.ToNfc(Query.Trim());
            latest = latest.Where(x => x.Title.Contains(term));
        }

        Total = await latest.CountAsync(cancellationToken);
        var page = await latest.OrderByDescending(x => x.ModifiedUtc).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = page.Select(x => x.ContentItemId).ToList();
        var published = (await definition.Query(db).Where(x => x.Published && ids.Contains(x.ContentItemId)).Select(x => x.ContentItemId).ToListAsync(cancellationToken)).ToHashSet();
        Items.AddRange(page.Select(x => (x, published.Contains(x.ContentItemId))));
        return Page();
    }
}
