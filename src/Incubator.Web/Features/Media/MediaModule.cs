using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Media;

/// <summary>Uploaded media: where files are kept and the API that stores and serves them.</summary>
internal static class MediaModule
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<MediaStore>();
        services.AddStoredFileFolder<MediaFiles>();
        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMediaApi();
        return endpoints;
    }
}
