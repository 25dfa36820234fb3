using Incubator.Web.Features.Account;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>Mentors' office hours: slots, bookings that never double, session logs, ratings and the hours they add up to.</summary>
internal static class OfficeHoursModule
{
    public static IServiceCollection AddOfficeHours(this IServiceCollection services)
    {
        services.AddCheckedOptions<OfficeHoursOptions>(OfficeHoursOptions.Section, OfficeHoursOptions.Problems);
        services.AddScoped<SlotCommands>();
        services.AddScoped<BookingCommands>();
        services.AddScoped<SessionCommands>();
        services.AddScoped<BookingNotices>();
        services.AddScoped<OfficeHoursReader>();
        services.AddScoped<OfficeHoursReports>();
        services.Replace(ServiceDescriptor.Scoped<IMentorHoursUsed, MentorHoursBooked>());
        services.AddSingleton<BookingReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<BookingReminderService>());
        services.AddScoped<IIndicatorSource, SessionIndicators>();
        services.AddTimelineSource<SessionTimelineSource>();
        services.AddNavigationProvider<OfficeHoursNavigation>();
        services.AddNotificationTexts<BookingNotificationTexts>();
        services.AddOwnerOrganisationSection<OfficeHoursOwnerSection>();
        services.AddScoped<IPersonalDataSource, OfficeHoursPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapOfficeHours(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOfficeHoursApi();
        return endpoints;
    }
}
