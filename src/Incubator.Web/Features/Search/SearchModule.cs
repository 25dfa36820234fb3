using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Search;

/// <summary>The search feature: the index, its background indexer, the search page and API.</summary>
internal static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddCheckedOptions<SearchOptions>("Search", o => new[]
        {
            o.BatchSize < 1 ? $"Search:BatchSize must be at least 1, not {o.BatchSize}." : null,
            o.ExactUpTo < 1 ? $"Search:ExactUpTo must be at least 1, not {o.ExactUpTo}." : null,
        }.OfType<string>());
        services.AddSingleton<SearchEngine>(sp =>
        {
            var exactUpTo = sp.GetRequiredService<IOptions<SearchOptions>>().Value.ExactUpTo;
            return sp.GetRequiredService<DatabaseInfo>().Provider == DatabaseProvider.Postgres
                ? new PostgresSearchEngine(exactUpTo)
                : new SqliteSearchEngine(exactUpTo);
        });
        services.AddScoped<SearchSettingsStore>();
        services.AddScoped(sp => new SearchIndexer(
            sp.GetRequiredService<IncubatorDbContext>(),
            sp.GetRequiredService<SearchEngine>(),
            [.. sp.GetServices<ISearchSource>().Select(s => new SynonymSearchSource(s, sp.GetRequiredService<SearchSettingsStore>()))]));
        services.AddScoped<Recipes.IRecipeStep, SearchSettingsStep>();
        services.AddScoped<SearchTerms>();
        services.AddScoped<SiteSearch>();
        services.AddScoped<SearchPages>();
        services.AddScoped<SearchTypeNames>();
        services.AddSearchOutbox();

        // Every content item is tracked by its type; the feature owning the type registers the source that reads it.
        services.AddSearchTracking<Core.Content.ContentItem>(i => i.ContentItemId.Length > 0 ? (i.ContentType, i.ContentItemId) : null);
        services.AddSingleton<SearchIndexingService>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexingService>());
        services.AddNavigationProvider<SearchNavigation>();
        services.AddSiteMetrics<SearchMetrics>();
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("search", tags: [HealthTags.Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSearchApi();
        return endpoints;
    }
}
