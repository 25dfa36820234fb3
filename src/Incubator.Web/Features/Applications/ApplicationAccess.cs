using System.Security.Claims;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Who may read an application: its owner, the back office (staff, leaders, administrators), and a reviewer assigned
/// to it who has declared no conflict of interest (the reviews say so, see <see cref="IApplicationReaders"/>).
/// Everyone else is told it does not exist.
/// </summary>
internal sealed class ApplicationAccess(IncubatorDbContext db, IAuthorizationService authorization, IEnumerable<IApplicationReaders> readers)
{
    public async Task<SupportApplication?> FindReadableAsync(string id, ClaimsPrincipal user, string userId, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return null;
        }

        if (application.OwnerId == userId || (await authorization.AuthorizeAsync(user, Policies.BackOffice)).Succeeded)
        {
            return application;
        }

        foreach (var reader in readers)
        {
            if (await reader.MayReadAsync(id, userId, cancellationToken))
            {
                return application;
            }
        }

        return null;
    }
}

/// <summary>People another feature lets read an application besides its owner and the back office (e.g. its reviewers).</summary>
internal interface IApplicationReaders
{
    Task<bool> MayReadAsync(string applicationId, string userId, CancellationToken cancellationToken);
}
