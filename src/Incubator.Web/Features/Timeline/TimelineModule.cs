namespace Incubator.Web.Features.Timeline;

/// <summary>
/// The timeline of an organisation or a person: the generic part that merges what features register. It names no
/// feature; each feature adds its entries (<see cref="ITimelineSource"/>) and buttons (<see cref="ITimelineAction"/>).
/// Pages draw it with the <see cref="TimelineViewComponent"/>.
/// </summary>
internal static class TimelineModule
{
    public static IServiceCollection AddTimeline(this IServiceCollection services) => services
        .AddScoped<TimelineReader>()
        .AddScoped<TimelineNames>();

    public static IServiceCollection AddTimelineSource<T>(this IServiceCollection services)
        where T : class, ITimelineSource => services.AddScoped<ITimelineSource, T>();

    public static IServiceCollection AddTimelineAction<T>(this IServiceCollection services)
        where T : class, ITimelineAction => services.AddScoped<ITimelineAction, T>();
}
