using Incubator.Web.Features.Content;
using Incubator.Web.Features.Search;

namespace Incubator.Web.Features.Pages;

/// <summary>Pages and news articles as content types.</summary>
internal static class PageContentTypes
{
    public static readonly ContentTypeDefinition<SitePage> Page = new(
        SitePage.TypeName, "pages", "Page", "Pages",
        [
            ContentField.Text<SitePage>("Title", "Title", x => x.Title, (x, v) => x.Title = v ?? string.Empty, required: true, maxLength: 300),
            ContentField.Text<SitePage>("Body", "Body (Markdown)", x => x.Body, (x, v) => x.Body = v ?? string.Empty, required: true, maxLength: 100000, kind: FieldKind.Markdown),
        ])
    {
        PublicPath = slug => $"/pages/{slug}",
    };

    public static readonly ContentTypeDefinition<NewsArticle> News = new(
        NewsArticle.TypeName, "news", "News article", "News",
        [
            ContentField.Text<NewsArticle>("Title", "Title", x => x.Title, (x, v) => x.Title = v ?? string.Empty, required: true, maxLength: 300),
            ContentField.Text<NewsArticle>("Summary", "Summary", x => x.Summary, (x, v) => x.Summary = v ?? string.Empty, required: true, maxLength: 1000, kind: FieldKind.LongText),
            ContentField.Text<NewsArticle>("Body", "Body (Markdown)", x => x.Body, (x, v) => x.Body = v ?? string.Empty, required: true, maxLength: 100000, kind: FieldKind.Markdown),
        ])
    {
        PublicPath = slug => $"/news/{slug}",
    };

    /// <summary>Registers pages and news articles as content types, and their search source.</summary>
    public static IServiceCollection AddPageContentTypes(this IServiceCollection services) =>
        services.AddContentType(Page).AddContentType(News).AddSearchSource<PageSearch>();
}
