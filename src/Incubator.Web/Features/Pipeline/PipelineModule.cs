namespace Incubator.Web.Features.Pipeline;

/// <summary>The incubation pipeline: each organisation's relationship stage, its moves, and the board.</summary>
internal static class PipelineModule
{
    public static IServiceCollection AddPipeline(this IServiceCollection services) => services;
}
