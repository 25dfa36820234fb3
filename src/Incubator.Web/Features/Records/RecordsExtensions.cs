using Incubator.Recipes;

namespace Incubator.Web.Features.Records;

public static class RecordsExtensions
{
    public static IServiceCollection AddIncubatorRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, RecordsStep>();

        // Extension points this feature implements: its search source and its indicators for the targets.
        services.AddRecordSearch();
        services.AddScoped<Targets.IIndicatorSource, IpRecordIndicators>();
        services.AddScoped<Targets.IIndicatorSource, TechnologyTransactionIndicators>();
        services.AddScoped<Targets.IIndicatorSource, ContestEntryIndicators>();
        services.AddScoped<Targets.IIndicatorSource, IntermediaryIndicators>();
        return services;
    }
}
