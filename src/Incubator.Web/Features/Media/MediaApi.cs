namespace Incubator.Web.Features.Media;

internal static class MediaApi
{
    /// <summary>
    /// GET /media/{name}: an image is served to whoever a feature that shows it allows (<see cref="IMediaReadAccess"/>);
    /// to anyone else it does not exist.
    /// </summary>
    public static void MapMediaApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{name}", async (string name, HttpContext context, MediaStore store, IEnumerable<IMediaReadAccess> readers, CancellationToken cancellationToken) =>
        {
            if (!MediaStore.IsStoredName(name) || !await MayReadAsync(name, context, readers, cancellationToken) || store.Open(name) is not var (stream, contentType))
            {
                return Results.NotFound();
            }

            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Stream(stream, contentType);
        }).ExcludeFromDescription();

    private static async Task<bool> MayReadAsync(string name, HttpContext context, IEnumerable<IMediaReadAccess> readers, CancellationToken cancellationToken)
    {
        foreach (var reader in readers)
        {
            if (await reader.MayReadAsync(name, context.User, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
