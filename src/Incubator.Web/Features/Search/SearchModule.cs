using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
            string.IsNullOrWhiteSpace(o.IndexPath) ? "Search:IndexPath must name a folder." : null,
            o.OutboxRetention <= TimeSpan.Zero ? $"Search:OutboxRetention must be longer than zero, not {o.OutboxRetention}." : null,
        }.OfType<string>());

        // One index per instance, opened once: a missing, corrupt or outdated index opens empty and is rebuilt in the background.
        services.AddSingleton(sp =>
        {
            var folder = Path.GetFullPath(sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexPath, sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
            return LuceneSearchIndex.Open(folder, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<Infrastructure.Caching.IPublicDataVersion, SearchIndexVersion>();
        services.TryAddSingleton<SiteInstance>();
        services.AddSingleton<SearchIndexStatus>();
        services.AddScoped<SearchSettingsStore>();
        services.AddScoped(sp => new SearchIndexer(
            sp.GetRequiredService<IncubatorDbContext>(),
            sp.GetRequiredService<LuceneSearchIndex>(),
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
