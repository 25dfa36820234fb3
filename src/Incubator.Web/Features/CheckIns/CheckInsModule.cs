namespace Incubator.Web.Features.CheckIns;

/// <summary>Progress check-ins: what an incubated organisation reports each period of its cohort's cadence.</summary>
internal static class CheckInsModule
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddScoped<CheckInCommands>();
        return services;
    }

    public static IEndpointRouteBuilder MapCheckIns(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCheckInsApi();
        return endpoints;
    }
}
