using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// Any directory entry (startup, S&amp;T enterprise, mentor or organisation) by its content item id, whoever owns it:
/// the subject of a relationship page and of a timeline. <see cref="OrganisationAccess"/> serves the owners' own kinds.
/// </summary>
internal static class DirectoryEntries
{
    /// <summary>The latest, undeleted version and its type, or null when no directory entry has this id.</summary>
    public static async Task<(ContentTypeDefinition Type, DirectoryProfile Profile)?> FindAsync(IncubatorDbContext db, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(id) || id.Length > 32)
        {
            return null;
        }

        foreach (var type in DirectoryContentTypes.All)
        {
            var profile = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .FirstOrDefaultAsync(x => x.ContentItemId == id && x.Latest && x.DeletedUtc == null, cancellationToken);
            if (profile is not null)
            {
                return (type, profile);
            }
        }

        return null;
    }
}
