using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Events.Attendance;
using Incubator.Web.Features.Events.Contest;
using Incubator.Web.Features.Events.Pages;
using Incubator.Web.Features.Events.Registrations;
using Incubator.Web.Features.Events.Reports;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Events;

/// <summary>
/// Events: trainings, workshops, networking, demo days, technology fairs and the contest. Its parts sit in subfolders:
/// the pages (public list, calendar files, search, the back office's editor), registration, attendance, reports and
/// the contest's results.
/// </summary>
internal static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<EventCommands>();
        services.AddScoped<EventSeatsReader>();
        services.AddScoped<Core.Content.IContentHandler, EventSeatsOnCreate>();

        // Pages.
        services.AddScoped<EventListing>();

        // Registration: tickets, the waitlist, e-mails and reminders.
        services.AddCheckedOptions<RegistrationOptions>(RegistrationOptions.Section, RegistrationOptions.Problems);
        services.AddSingleton<RegistrationTokens>();
        services.AddScoped<RegistrationCommands>();
        services.AddScoped<RegistrationNotices>();
        services.AddScoped<RegistrationReader>();
        services.AddSingleton<RegistrationReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationReminderService>());
        services.AddScoped<IEventUpdated, WaitlistOnCapacity>();

        // Attendance and reports.
        services.AddScoped<EventCheckIn>();
        services.AddScoped<ParticipantsQuery>();
        services.AddScoped<EventReports>();

        // The contest's results.
        services.AddScoped<ContestResults>();

        // Extension points this feature implements: its content type, search source, menus, the targets' sources
        // ("events", "eventParticipants") and the people's merge.
        services.AddContentType(EventContentTypes.Event);
        services.AddSearchSource<EventSearch>();
        services.AddNavigationProvider<EventsNavigation>();
        services.AddScoped<IIndicatorSource, EventIndicators>();
        services.AddScoped<IIndicatorSource, EventParticipantIndicators>();
        services.AddPersonReferences<RegistrationPersonReferences>();
        services.AddScoped<IPersonalDataSource, RegistrationPersonalData>();
        services.AddNavigationProvider<RegistrationsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEventsApi();
        endpoints.MapEventCalendarFiles();
        endpoints.MapAttendanceApi();
        endpoints.MapContestApi();
        endpoints.MapRegistrationsApi();
        return endpoints;
    }
}
