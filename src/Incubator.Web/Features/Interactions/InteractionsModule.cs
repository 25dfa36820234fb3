using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Interactions;

/// <summary>Interactions: notes, meetings, calls, e-mails, site visits and events attended, on the timelines of those involved.</summary>
internal static class InteractionsModule
{
    public static IServiceCollection AddInteractions(this IServiceCollection services)
    {
        services.AddScoped<RelationshipDirectory>();
        services.AddScoped<RelationshipPicker>();
        services.AddScoped<SaveInteraction>();
        services.AddPersonReferences<InteractionPersonReferences>();
        services.AddSingleton<InteractionAttachments>();
        services.AddStoredFileFolder<InteractionAttachmentFiles>();

        // Extension points: the timelines, the back office's search, the targets' indicators, the menu.
        services.AddTimelineSource<InteractionTimeline>();
        services.AddTimelineAction<LogInteractionAction>();
        services.AddSearchSource<InteractionSearch>();
        services.AddSearchTracking<Interaction>(i => (InteractionSearch.Type, i.Id));
        services.AddSearchTypeName(InteractionSearch.Type, "Interaction", "Interactions");
        services.AddScoped<IIndicatorSource, InteractionIndicators>();
        services.AddScoped<IIndicatorSource, ConsultationIndicators>();
        services.AddNavigationProvider<InteractionsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapInteractions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInteractionApi();
        endpoints.MapRelationshipApi();
        return endpoints;
    }
}
