using Incubator.Web.Features.Events.Attendance;
using Incubator.Web.Features.Events.Reports;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Targets;

// In the events' namespace, so that the events' module calls it without a using of its own.
namespace Incubator.Web.Features.Events;

/// <summary>
/// Events' attendance: the participants' list, check-in at the door (by code, button, camera or photo), attendance on
/// the timelines, certificates, the reports and the indicator sources "events" and "eventParticipants".
/// </summary>
internal static class AttendanceModule
{
    public static IServiceCollection AddEventAttendance(this IServiceCollection services)
    {
        services.AddScoped<EventCheckIn>();
        services.AddScoped<ParticipantsQuery>();
        services.AddScoped<EventReports>();

        // Extension points this part implements: the targets' sources and the people's merge.
        services.AddScoped<IIndicatorSource, EventIndicators>();
        services.AddScoped<IIndicatorSource, EventParticipantIndicators>();
        services.AddPersonReferences<RegistrationPersonReferences>();
        return services;
    }

    public static IEndpointRouteBuilder MapEventAttendance(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAttendanceApi();
        return endpoints;
    }
}
