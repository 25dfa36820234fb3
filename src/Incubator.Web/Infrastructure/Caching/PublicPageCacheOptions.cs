namespace Incubator.Web.Infrastructure.Caching;

/// <summary>The <c>PublicPageCache</c> settings.</summary>
internal sealed class PublicPageCacheOptions
{
    public const string Section = "PublicPageCache";

    /// <summary>How long an anonymous visitor's page is kept when no change made it outdated; 0 turns the cache off.</summary>
    public int Seconds { get; set; } = 30;

    internal static IEnumerable<string> Problems(PublicPageCacheOptions options)
    {
        if (options.Seconds is < 0 or > 3600)
        {
            yield return $"PublicPageCache:Seconds must be between 0 and 3600, not {options.Seconds}.";
        }
    }
}
