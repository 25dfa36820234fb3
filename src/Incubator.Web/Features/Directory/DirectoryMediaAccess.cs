using System.Security.Claims;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// A profile's logo is served when a published profile shows it, to the owner of the profile whose draft holds it,
/// and to back-office users; it is kept on disk while any version of a profile names it, deleted versions included
/// (erasing personal data removes those images itself).
/// </summary>
internal sealed class DirectoryMediaAccess(IncubatorDbContext db, UserManager<User> users, IAuthorizationService authorization, ContentTypeRegistry types) : IMediaReadAccess, IMediaReferences
{
    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var list = names.ToList();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.Directory)
        {
            referenced.UnionWith(await type.Query(db).OfType<DirectoryProfile>().Where(x => x.Logo != null && list.Contains(x.Logo)).Select(x => x.Logo!).ToListAsync(cancellationToken));
        }

        return referenced;
    }

    public async Task<bool> MayReadAsync(string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user);
        var backOffice = userId is not null && (await authorization.AuthorizeAsync(user, null, Policies.BackOffice)).Succeeded;
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
