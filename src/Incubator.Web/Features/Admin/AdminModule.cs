using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Admin;

/// <summary>The back-office dashboard.</summary>
internal static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddNavigationProvider<AdminNavigation>();
}
