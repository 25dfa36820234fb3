namespace Incubator.Web.Features.Applications;

public static class ApplicationsExtensions
{
    public static IServiceCollection AddIncubatorApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationAccess>();
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<Workflows.IWorkflowActionCheck, ApplicationActionCheck>();
        return services;
    }
}
