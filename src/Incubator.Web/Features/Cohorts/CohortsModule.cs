using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Cohorts;

/// <summary>Cohorts (incubation intakes): their curriculum of milestones, their members and each member's progress.</summary>
internal static class CohortsModule
{
    public static IServiceCollection AddCohorts(this IServiceCollection services)
    {
        services.AddScoped<CohortCommands>();
        services.AddScoped<CohortReader>();
        services.AddCheckedOptions<CohortsOptions>("Cohorts", _ => []);
        services.AddSingleton<CohortReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<CohortReminderService>());
        services.AddSegmentCondition<CohortSegmentCondition>();
        services.AddTimelineSource<CohortTimelineSource>();
        services.AddScoped<IIndicatorSource, CohortIndicators>();
        services.AddNavigationProvider<CohortsNavigation>();
        services.AddNotificationTexts<CohortNotificationTexts>();
        services.AddOwnerOrganisationSection<CohortOwnerSection>();
        services.AddAttachmentReferences<CohortEvidenceFiles>();
        return services;
    }

    public static IEndpointRouteBuilder MapCohorts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCohortsApi();
        return endpoints;
    }
}
