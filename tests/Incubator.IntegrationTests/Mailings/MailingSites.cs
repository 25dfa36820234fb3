using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Mailings;

/// <summary>
/// One site per provider for the mailing tests: a configured address for the unsubscribe links, the feeder's loop off
/// (the tests run it by hand, so nothing feeds between their steps) and an hourly pace of three e-mails.
/// </summary>
public sealed class MailingSites : IDisposable
{
    public const string BaseUrl = "https://dmst.mailings.example";
    public const int PerHour = 3;

    private readonly Dictionary<DatabaseProvider, SiteFactory> _sites = [];
    private readonly Lock _lock = new();

    public SiteFactory this[DatabaseProvider provider]
    {
        get
        {
            lock (_lock)
            {
                if (!_sites.TryGetValue(provider, out var site))
                {
                    site = new SiteFactory(provider, new Dictionary<string, string?>
                    {
                        ["Site:BaseUrl"] = BaseUrl,
                        ["Mailings:FeedInterval"] = "00:00:00",
                        ["Mailings:PerHour"] = PerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["Email:DeliveryInterval"] = "00:00:00",
                    });
                    _ = site.Server;
                    _sites[provider] = site;
                }

                return site;
            }
        }
    }

    public void Dispose()
    {
        foreach (var site in _sites.Values)
        {
            site.Dispose();
        }
    }
}
