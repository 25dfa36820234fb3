using Incubator.Recipes;

namespace Incubator.Web.Features.Records;

public static class RecordsExtensions
{
    public static IServiceCollection AddIncubatorRecords(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, RecordsStep>();
        return services;
    }
}
