using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Media;

public static class MediaApi
{
    /// <summary>
    /// GET /media/{name}: an image is served when a published profile shows it, to the owner of the profile
    /// whose draft holds it, and to back-office users; to anyone else it does not exist.
    /// </summary>
    public static void MapMediaApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{name}", async (string name, HttpContext context, MediaStore store, IncubatorDbContext db, UserManager<User> users, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, ContentTypeRegistry types, CancellationToken cancellationToken) =>
        {
            if (!MediaStore.IsStoredName(name) || !await MayReadAsync(name, context, db, users, authorization, types, cancellationToken) || store.Open(name) is not var (stream, contentType))
            {
                return Results.NotFound();
            }

            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Stream(stream, contentType);
        }).ExcludeFromDescription();

    private static async Task<bool> MayReadAsync(string name, HttpContext context, IncubatorDbContext db, UserManager<User> users, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, ContentTypeRegistry types, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(context.User);
        var backOffice = userId is not null && (await authorization.AuthorizeAsync(context.User, null, Policies.BackOffice)).Succeeded;
        foreach (var type in types.Directory)
        {
            var holders = type.Query(db).OfType<DirectoryProfile>().Where(x => x.Logo == name && x.DeletedUtc == null);
            if (await holders.AnyAsync(x => x.Published || backOffice || (x.Latest && x.OwnerId == userId && userId != null), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
