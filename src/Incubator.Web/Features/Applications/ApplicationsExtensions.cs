using Incubator.Web.Features.Search;

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

        // Extension points this feature implements: its workflow items and what search indexes of it.
        Workflows.WorkflowItemHandlerExtensions.AddWorkflowItemHandler<ApplicationWorkflowItems>(services);
        services.AddSearchSource<ApplicationSearch>();
        services.AddSearchTracking<SupportApplication>(a => (ApplicationSearch.TypeName, a.Id));
        services.AddSearchTypeName(ApplicationSearch.TypeName, "Application", "Applications");
        services.AddScoped<ISearchScopeSource, ApplicationSearchScope>();
        services.AddScoped<Core.Content.IContentHandler, ProgrammeLedgerOpening>();
        return services;
    }
}
