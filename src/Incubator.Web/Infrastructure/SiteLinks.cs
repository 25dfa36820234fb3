using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>Who the site is on the web: <c>Site:BaseUrl</c>, the only source of the scheme and host of a link in an e-mail.</summary>
internal sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The public address of the site, e.g. https://dmst.caobang.gov.vn (a path is allowed: https://example.gov.vn/dmst).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The base URL as a URI, or null when it is not set or not a valid absolute http(s) address.</summary>
    public Uri? Parsed() =>
        Uri.TryCreate(BaseUrl?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}

/// <summary>
/// The base URL must be valid when given, and must be given outside development: a site that builds links from the
/// request's Host header would let anyone who can forge that header put their own host into a password-reset e-mail.
/// </summary>
internal sealed class SiteOptionsValidation(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            return options.Parsed() is null
                ? ValidateOptionsResult.Fail($"Site:BaseUrl '{options.BaseUrl}' is not an absolute http:// or https:// address without a query (e.g. https://dmst.caobang.gov.vn).")
                : ValidateOptionsResult.Success;
        }

        return SiteLinks.MayGuessBaseUrl(environment)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Site:BaseUrl is not set: give the site's public address (e.g. Site__BaseUrl=https://dmst.caobang.gov.vn); links in e-mails are built from it.");
    }
}

/// <summary>Builds absolute links for e-mails and notifications from the configured base URL, never from the request.</summary>
internal sealed class SiteLinks(IOptions<SiteOptions> options, IHostEnvironment environment, IServer server, LinkGenerator routes)
{
    private Uri? _baseUrl;

    /// <summary>The site's base URL, ending with a slash.</summary>
    public Uri BaseUrl => _baseUrl ??= Normalise(options.Value.Parsed() ?? Guess());

    /// <summary>An absolute link to a path of the site (a path with its query, starting with '/').</summary>
    public string Absolute(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(BaseUrl, pathAndQuery.TrimStart('/')).AbsoluteUri;
    }

    /// <summary>
    /// An absolute link to a Razor page (e.g. "/Account/ConfirmEmail"): the path from the page's route, the values
    /// that are not route parameters in the query, the scheme and host from the base URL. Throws when the page has no
    /// route, so a moved page fails loudly instead of sending an e-mail with a broken link.
    /// </summary>
    public string Page(string page, object? values = null) => Absolute(routes.PathToPage(page, values));

    /// <summary>
    /// The same link on the site's own address: a link a framework built from the request (Identity's confirmation
    /// link) keeps its path and query and loses whatever scheme and host the request claimed.
    /// </summary>
    public string Rebase(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var uri = new Uri(link, UriKind.RelativeOrAbsolute);
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : link;
        var basePath = BaseUrl.AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0 && pathAndQuery.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase))
        {
            pathAndQuery = pathAndQuery[basePath.Length..];
        }

        return Absolute(pathAndQuery);
    }

    /// <summary>Development and the tests may run without a base URL; production may not.</summary>
    internal static bool MayGuessBaseUrl(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>In development, the first address Kestrel listens on (a wildcard host read as localhost).</summary>
    private Uri Guess()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        if (address is not null && MayGuessBaseUrl(environment))
        {
            address = address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(address, UriKind.Absolute, out var listening))
            {
                return listening;
            }
        }

        return new Uri("http://localhost/");
    }

    private static Uri Normalise(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

internal static class SiteLinksExtensions
{
    public static IServiceCollection AddSiteLinks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidation>();
        services.AddSingleton<SiteLinks>();

        // Outside development the site answers only to its own host unless AllowedHosts says otherwise, so a forged
        // Host header is refused (400) before any page can see it.
        if (!SiteLinks.MayGuessBaseUrl(environment) && string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            services.PostConfigure<HostFilteringOptions>(o =>
            {
                if (new SiteOptions { BaseUrl = configuration[$"{SiteOptions.Section}:BaseUrl"] }.Parsed() is { } baseUrl)
                {
                    o.AllowedHosts = [baseUrl.IdnHost];
                }
            });
        }

        return services;
    }
}
