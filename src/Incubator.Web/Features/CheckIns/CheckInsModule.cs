using Incubator.Web.Features.Account;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.CheckIns;

/// <summary>Progress check-ins: what an incubated organisation reports each period of its cohort's cadence.</summary>
internal static class CheckInsModule
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddScoped<CheckInCommands>();
        services.AddCheckedOptions<CheckInsOptions>("CheckIns", CheckInsOptions.Problems);
        services.AddSingleton<ICohortPageLink, CheckInsCohortLink>();
        services.AddSingleton<CheckInReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckInReminderService>());
        services.AddTimelineSource<CheckInTimelineSource>();
        services.AddScoped<IIndicatorSource, CheckInIndicators>();
        services.AddScoped<IPersonalDataSource, CheckInsPersonalData>();
        services.AddNotificationTexts<CheckInNotificationTexts>();
        services.AddOwnerOrganisationSection<CheckInsOwnerSection>();
        services.AddOrganisationPageSection<CheckInsStaffSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapCheckIns(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCheckInsApi();
        return endpoints;
    }

    /// <summary>The cohort page's link to its members' check-ins.</summary>
    private sealed class CheckInsCohortLink : ICohortPageLink
    {
        public string Text => "Progress reports";

        public string Page => "/CheckIns/Admin/Cohort";
    }
}
