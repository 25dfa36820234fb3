namespace Incubator.Web.Features.Events.Contest;

/// <summary>A contest's entry round (a programme's applications) and its results, written to the contest-entry records.</summary>
internal static class ContestModule
{
    public static IServiceCollection AddEventContest(this IServiceCollection services)
    {
        services.AddScoped<ContestResults>();
        return services;
    }

    public static IEndpointRouteBuilder MapEventContest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapContestApi();
        return endpoints;
    }
}
