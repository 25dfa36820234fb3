using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.FollowUps;

/// <summary>Follow-up tasks: who does what by when, "my tasks", and a notice on the due day and when overdue.</summary>
internal static class FollowUpsModule
{
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddScoped<SaveFollowUp>();
        services.AddPersonReferences<FollowUpPersonReferences>();
        services.AddCheckedOptions<FollowUpOptions>("FollowUps", _ => []);
        services.AddSingleton<FollowUpReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpReminderService>());

        // Extension points: the timelines and the menu.
        services.AddTimelineSource<FollowUpTimeline>();
        services.AddTimelineAction<AddFollowUpAction>();
        services.AddNavigationProvider<FollowUpsNavigation>();
        services.AddNotificationTexts<FollowUpNotificationTexts>();
        return services;
    }

    public static IEndpointRouteBuilder MapFollowUps(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFollowUpApi();
        return endpoints;
    }
}
