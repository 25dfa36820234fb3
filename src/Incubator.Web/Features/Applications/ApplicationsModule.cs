using Incubator.Web.Features.Navigation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Applications;

/// <summary>The applications feature: applicants' forms, attachments, funding and the back office's list.</summary>
public static class ApplicationsModule
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationAccess>();
        services.AddScoped<AttachmentChanges>();
        services.AddSingleton<AttachmentStore>();
        services.AddAttachmentQuotas();
        services.AddScoped<SubmitReport>();
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<Disbursements>();
        services.AddScoped<ApplicationInbox>();
        services.AddScoped<Workflows.IWorkflowActionCheck, ApplicationActionCheck>();
        // PostConfigure, as AddRazorPages replaces the conventions collection when it sets up its options.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Applications"));
        services.AddNavigationProvider<ApplicationsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApplicationApi();
        endpoints.MapFundingApi();
        endpoints.MapAttachmentApi();
        return endpoints;
    }
}
