using Incubator.Recipes;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Targets;

namespace Incubator.Web.Features.Records;

/// <summary>The records feature: IP records, technology transactions, contest entries and intermediaries.</summary>
internal static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, RecordsStep>();

        // Extension points this feature implements: its search source, its indicators for the targets, its menu.
        services.AddRecordSearch();
        services.AddScoped<IIndicatorSource, IpRecordIndicators>();
        services.AddScoped<IIndicatorSource, TechnologyTransactionIndicators>();
        services.AddScoped<IIndicatorSource, ContestEntryIndicators>();
        services.AddScoped<IIndicatorSource, IntermediaryIndicators>();
        services.AddNavigationProvider<RecordsNavigation>();
        return services;
    }
}
