using Microsoft.Extensions.DependencyInjection.Extensions;
using Incubator.Web.Infrastructure.Observability;
using Incubator.Web.Infrastructure.Storage;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Applications;

/// <summary>The applications feature: applicants' forms, attachments, funding and the back office's list.</summary>
internal static class ApplicationsModule
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationService>();
        services.AddSiteMetrics<ApplicationMetrics>();
        services.AddScoped<ApplicationAccess>();
        services.AddScoped<AttachmentChanges>();
        services.AddSingleton<AttachmentStore>();
        services.AddStoredFileFolder<AttachmentFiles>();
        services.AddAttachmentQuotas();
        services.AddScoped<SubmitReport>();
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<Disbursements>();
        services.AddScoped<ApplicationDecisions>();
        services.AddNoticeDetails<ApplicationNoticeDetails>();
        services.AddScoped<ApplicationInbox>();
        services.AddScoped<ApplicationAssignment>();
        services.AddApplicationPageSection<Admin.AssigneeSection>();
        services.AddScoped<ApplicationPersonalData>();
        services.AddScoped<Account.IPersonalDataSource>(s => s.GetRequiredService<ApplicationPersonalData>());
        services.AddScoped<Organisations.IOrganisationReferences>(s => s.GetRequiredService<ApplicationPersonalData>());

        // Extension points this feature implements: its workflow items and what search indexes of it.
        services.AddWorkflowItemHandler<ApplicationWorkflowItems>();
        services.AddTimelineSource<ApplicationTimelineSource>();
        services.AddTimelineSource<ApplicationStepsTimelineSource>();
        services.AddSearchSource<ApplicationSearch>();
        services.AddSearchTracking<SupportApplication>(a => (ApplicationSearch.TypeName, a.Id));
        services.AddSearchTypeName(ApplicationSearch.TypeName, "Application", "Applications");
        services.AddScoped<ISearchScopeSource, ApplicationSearchScope>();
        services.AddScoped<Core.Content.IContentHandler, ProgrammeLedgerOpening>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Programmes.IProgrammeFormUsage, ApplicationFormUsage>());
        // PostConfigure, as AddRazorPages replaces the conventions collection when it sets up its options.
        // The programme's public page, where applying starts, is open to all; its apply handler asks for sign-in itself.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Applications").AllowAnonymousToPage("/Applications/Apply"));
        services.AddNavigationProvider<ApplicationsNavigation>();
        return services;
    }

    /// <summary>Adds a feature's section to the back-office application page (see <see cref="Admin.IApplicationPageSection"/>).</summary>
    public static IServiceCollection AddApplicationPageSection<TSection>(this IServiceCollection services)
        where TSection : class, Admin.IApplicationPageSection
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Admin.IApplicationPageSection, TSection>());
        return services;
    }

    /// <summary>Adds a feature's bulk action to the back-office queue (see <see cref="Admin.IApplicationQueueAction"/>).</summary>
    public static IServiceCollection AddApplicationQueueAction<TAction>(this IServiceCollection services)
        where TAction : class, Admin.IApplicationQueueAction
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Admin.IApplicationQueueAction, TAction>());
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
