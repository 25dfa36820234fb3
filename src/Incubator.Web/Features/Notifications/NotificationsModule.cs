using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Notifications;

/// <summary>Notifications: the list page and the header's link.</summary>
internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) =>
        services.AddNavigationProvider<NotificationsNavigation>()
            .AddScoped<Account.IPersonalDataSource, NotificationPersonalData>();
}
