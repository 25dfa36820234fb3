using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Directory;

/// <summary>The public directory of startups, enterprises, mentors and organisations.</summary>
internal static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddDirectoryContentTypes();
        services.AddScoped<DirectoryQueries>();

        // Lists read the index; the instance that made a change waits for its index to hold it (read your writes).
        services.AddSingleton<LocalOutboxWrites>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, LocalOutboxWrites.Interceptor>();
        services.AddSingleton<PublicIndex>();
        services.AddScoped<DirectoryMediaAccess>();
        services.AddScoped<Media.IMediaReadAccess>(sp => sp.GetRequiredService<DirectoryMediaAccess>());
        services.AddScoped<Media.IMediaReferences>(sp => sp.GetRequiredService<DirectoryMediaAccess>());
        services.AddNavigationProvider<DirectoryNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDirectoryApi();
        return endpoints;
    }
}
