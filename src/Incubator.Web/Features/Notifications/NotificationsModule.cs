using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Notifications;

/// <summary>Notifications: the list page and the header's link.</summary>
internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) =>
        services.AddNavigationProvider<NotificationsNavigation>()
            .AddScoped<NoticeDetails>()
            .AddScoped<Account.IPersonalDataSource, NotificationPersonalData>();

    /// <summary>Adds a feature's notification texts (see <see cref="INotificationTexts"/>).</summary>
    public static IServiceCollection AddNotificationTexts<T>(this IServiceCollection services)
        where T : class, INotificationTexts
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(
            services, ServiceDescriptor.Singleton<INotificationTexts, T>());
        return services;
    }

    /// <summary>Adds a feature's sentences to the notices about its items (see <see cref="INoticeDetails"/>).</summary>
    public static IServiceCollection AddNoticeDetails<T>(this IServiceCollection services)
        where T : class, INoticeDetails => services.AddScoped<INoticeDetails, T>();
}
