using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Timeline;

namespace Incubator.Web.Features.Pipeline;

/// <summary>The incubation pipeline: each organisation's relationship stage, its moves, and the board.</summary>
internal static class PipelineModule
{
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddScoped<DirectoryEntries>();
        services.AddScoped<MoveOrganisation>();
        services.AddScoped<PipelineBoard>();
        services.AddScoped<Recipes.IRecipeStep, PipelineStep>();
        services.AddNavigationProvider<PipelineNavigation>();
        services.AddOrganisationPageSection<Admin.StageSection>();
        services.AddTimelineSource<PipelineTimelineSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapPipeline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPipelineApi();
        return endpoints;
    }
}
