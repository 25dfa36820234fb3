using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>The databases every integration test runs on: SQLite always, PostgreSQL when INCUBATOR_TEST_POSTGRES is set (CI sets it).</summary>
public sealed class Providers : TheoryData<DatabaseProvider>
{
    public static readonly string? PostgresConnectionString = Environment.GetEnvironmentVariable("INCUBATOR_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public Providers()
    {
        Add(DatabaseProvider.Sqlite);
        if (PostgresConnectionString is not null)
        {
            Add(DatabaseProvider.Postgres);
        }
    }
}

/// <summary>One running site per provider, shared by the tests of the "site" collection and disposed at the end.</summary>
public sealed class Sites : IDisposable
{
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
                    site = new SiteFactory(provider);
                    _ = site.Server; // start it: migrations, recipe and first administrator
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

[CollectionDefinition(Name)]
public sealed class SiteTests : ICollectionFixture<Sites>
{
    public const string Name = "site";
}
