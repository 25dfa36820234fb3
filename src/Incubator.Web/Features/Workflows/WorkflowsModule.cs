using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Observability;

namespace Incubator.Web.Features.Workflows;

/// <summary>The workflows feature: workflow types, instances, their timers, calendar and API.</summary>
internal static class WorkflowsModule
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddScoped<HolidayCalendar>();
        services.AddScoped<HostWorkflowEffects>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<WorkflowItems>();

        // Publishing from a workflow raises content events that may raise workflow events: the features bridging the
        // two take the service lazily, declared here rather than fetched from the container where they use it.
        services.AddScoped(sp => new Lazy<WorkflowService>(sp.GetRequiredService<WorkflowService>));
        services.AddScoped<Recipes.IRecipeStep, HolidaysStep>();
        services.AddScoped<Recipes.IRecipeStep, WorkflowTypesStep>();
        // Zero or less turns the tick or the pruning off; a value that does not parse as a TimeSpan stops the site, named by the binder.
        services.AddCheckedOptions<WorkflowOptions>("Workflows", _ => []);
        services.AddSingleton<WorkflowTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimerService>());
        services.AddSiteMetrics<WorkflowMetrics>();
        services.AddNavigationProvider<WorkflowsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWorkflowApi();
        return endpoints;
    }
}
