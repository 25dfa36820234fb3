using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Directory;

/// <summary>The public directory of startups, enterprises, mentors and organisations.</summary>
internal static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddDirectoryContentTypes();
        services.AddScoped<DirectoryQueries>();
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
