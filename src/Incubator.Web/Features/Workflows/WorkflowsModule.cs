using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Workflows;

/// <summary>The workflows feature: workflow types, instances, their timers, calendar and API.</summary>
public static class WorkflowsModule
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddScoped<HolidayCalendar>();
        services.AddScoped<HostWorkflowEffects>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<WorkflowItems>();
        services.AddScoped<Core.Content.IContentHandler, ProfileWorkflowEvents>();
        services.AddScoped<Recipes.IRecipeStep, HolidaysStep>();
        services.AddScoped<Recipes.IRecipeStep, WorkflowTypesStep>();
        services.AddOptions<WorkflowOptions>().BindConfiguration("Workflows");
        services.AddSingleton<WorkflowTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimerService>());
        services.AddNavigationProvider<WorkflowsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWorkflowApi();
        return endpoints;
    }
}
