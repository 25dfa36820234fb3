using Incubator.Web.Features.Content;
using Incubator.Web.Features.Events.Contest;

namespace Incubator.Web.Features.Events;

/// <summary>Events: trainings, workshops, networking, demo days, technology fairs and the contest; registration, attendance and results.</summary>
internal static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<EventCommands>();
        services.AddScoped<EventSeatsReader>();
        services.AddScoped<Core.Content.IContentHandler, EventSeatsOnCreate>();
        services.AddEventContest();
        services.AddEventPages();
        services.AddEventAttendance();

        // Extension points this feature implements.
        services.AddContentType(EventContentTypes.Event);
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEventsApi();
        endpoints.MapEventContest();
        endpoints.MapEventPages();
        endpoints.MapEventAttendance();
        return endpoints;
    }
}
