using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// One site per provider holding the relevance corpus alone, written once and shared by the tests of a class, which
/// only read it. The corpus is a small model of the 100,000 items the issue measured: its common words match most of
/// it, as they matched far more than the 1,000 items the previous engines ranked exactly.
/// </summary>
public sealed class RelevanceSites : IDisposable
{
    private readonly Dictionary<DatabaseProvider, (SiteFactory Site, Task<RelevanceCorpus> Corpus)> _sites = [];
    private readonly Lock _lock = new();

    public async Task<(SiteFactory Site, RelevanceCorpus Corpus)> GetAsync(DatabaseProvider provider)
    {
        (SiteFactory Site, Task<RelevanceCorpus> Corpus) entry;
        lock (_lock)
        {
            if (!_sites.TryGetValue(provider, out entry))
            {
                var site = new SiteFactory(provider);
                _ = site.Server; // start it: migrations, recipe and first administrator
                entry = (site, RelevanceCorpus.WriteAsync(site));
                _sites[provider] = entry;
            }
        }

        return (entry.Site, await entry.Corpus);
    }

    public void Dispose()
    {
        foreach (var (site, _) in _sites.Values)
        {
            site.Dispose();
        }
    }
}
