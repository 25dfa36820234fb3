using Incubator.Web.Features.Events.Pages;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Search;

namespace Incubator.Web.Features.Events;

/// <summary>The events' pages: the public list, the calendar files and feed, search, and the back office's list and editor.</summary>
internal static class EventPagesModule
{
    public static IServiceCollection AddEventPages(this IServiceCollection services)
    {
        services.AddScoped<EventListing>();
        services.AddNavigationProvider<EventsNavigation>();
        services.AddSearchSource<EventSearch>();
        return services;
    }

    public static IEndpointRouteBuilder MapEventPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEventCalendarFiles();
        return endpoints;
    }
}
