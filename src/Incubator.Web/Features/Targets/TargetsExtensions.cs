using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Targets;

public static class TargetsExtensions
{
    public static IServiceCollection AddIncubatorTargets(this IServiceCollection services)
    {
        services.AddScoped<TargetProgress>();
        services.AddScoped<ApplicationIndicatorSources>();
        services.AddScoped<IIndicatorSource, ApplicationsIndicatorSource>();
        services.AddScoped<IIndicatorSource, DecisionsIndicatorSource>();
        services.AddScoped<IIndicatorSource, OrganisationsIndicatorSource>();
        services.AddScoped<Recipes.IRecipeStep, TargetsStep>();
        return services;
    }

    /// <summary>GET /api/targets: every target with its current value, public.</summary>
    public static void MapTargetApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/targets", async (TargetProgress progress, CancellationToken cancellationToken) =>
            TypedResults.Ok((await progress.AllAsync(cancellationToken)).Select(s => new TargetResponse(
                s.Target.Key, s.Target.Title, s.Target.Plan, s.Target.Unit, s.Target.Baseline, new TargetRange(s.Target.Min, s.Target.Max),
                s.Actual, s.Target.DeadlineYear, s.OnTrack)).ToList())).WithTags("Targets");

    public sealed record TargetResponse(string Key, LocalizedText Title, string Plan, LocalizedText Unit, decimal Baseline, TargetRange Target, decimal? Actual, int Deadline, bool? OnTrack);
}
