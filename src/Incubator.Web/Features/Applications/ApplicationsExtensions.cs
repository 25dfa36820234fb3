namespace Incubator.Web.Features.Applications;

public static class ApplicationsExtensions
{
    public static IServiceCollection AddIncubatorApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationAccess>();
        services.AddScoped<AttachmentChanges>();
        services.AddAttachmentQuotas();
        services.AddScoped<SubmitReport>();
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<Disbursements>();
        services.AddScoped<ApplicationInbox>();
        services.AddScoped<Reviews.ReviewerAssignment>();
        services.AddScoped<Reviews.ReviewSubmission>();
        services.AddScoped<Workflows.IWorkflowActionCheck, ApplicationActionCheck>();
        return services;
    }
}
