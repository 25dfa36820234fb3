using Incubator.Core.Content;

namespace Incubator.Web.Features.Pages;

/// <summary>An ordinary page of the site, written in Markdown by staff.</summary>
internal sealed class SitePage : ContentItem
{
    public const string TypeName = "page";
    public override string ContentType => TypeName;

    public string Body { get; set; } = string.Empty;
}

/// <summary>A news article.</summary>
internal sealed class NewsArticle : ContentItem
{
    public const string TypeName = "news";
    public override string ContentType => TypeName;

    public string Summary { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
}
