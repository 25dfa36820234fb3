using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pages;

/// <summary>Published pages and news articles as public documents; Markdown is indexed as the text it shows.</summary>
internal sealed class PageSearch(IncubatorDbContext db, ContentTypeRegistry types) : ISearchSource
{
    public IReadOnlyList<string> Types { get; } = [SitePage.TypeName, NewsArticle.TypeName];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var definition = types.ByName(type);
        var ids = itemIds.ToList();
        var items = await definition.Query(db).AsNoTracking()
            .Where(x => ids.Contains(x.ContentItemId) && x.Published && x.DeletedUtc == null)
            .ToListAsync(cancellationToken);
        return [.. items.Select(item => new SearchDocument
        {
            Type = type,
            ItemId = item.ContentItemId,
            Slug = item.Slug,
            Title = item.Title,
            Url = definition.PublicUrl(item.Slug),
            Summary = (item as NewsArticle)?.Summary ?? string.Empty,
            Body = PlainText(item switch { SitePage p => p.Body, NewsArticle n => n.Body, _ => null }),
            Public = true,
            UpdatedUtc = item.PublishedUtc ?? item.ModifiedUtc,
        })];
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        await types.ByName(type).Query(db).Where(x => x.Published && x.DeletedUtc == null).Select(x => x.ContentItemId).ToListAsync(cancellationToken);

    private static string PlainText(string? markdown) => string.IsNullOrEmpty(markdown) ? string.Empty : Markdig.Markdown.ToPlainText(markdown).Trim();
}
