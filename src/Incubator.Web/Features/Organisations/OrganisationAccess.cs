using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations;

/// <summary>What an applicant's organisation looks like to its owner.</summary>
internal enum ProfileStatus
{
    Draft,
    Submitted,
    Returned,
    Published,
    PublishedWithChanges,
}

internal static class ProfileStatuses
{
    /// <summary>The text (a localisation key) naming a status: a fixed map, never the enum's name passed through.</summary>
    public static string Key(ProfileStatus status) => status switch
    {
        ProfileStatus.Draft => "Draft",
        ProfileStatus.Submitted => "Submitted",
        ProfileStatus.Returned => "Returned",
        ProfileStatus.Published => "Published",
        ProfileStatus.PublishedWithChanges => "Published with changes",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>An applicant's organisations: startups and S&amp;T enterprises they own. Nobody else's are ever returned.</summary>
internal sealed class OrganisationAccess(IncubatorDbContext db)
{
    public static readonly IReadOnlyList<ContentTypeDefinition> Kinds = [DirectoryContentTypes.Startup, DirectoryContentTypes.Enterprise];

    public static ContentTypeDefinition? KindOf(string? kind) => kind switch
    {
        "startup" => DirectoryContentTypes.Startup,
        "enterprise" => DirectoryContentTypes.Enterprise,
        _ => null,
    };

    /// <summary>The latest version of the owner's organisation, or null when it is not theirs (or does not exist).</summary>
    public async Task<(ContentTypeDefinition Type, DirectoryProfile Profile)?> FindOwnedAsync(string userId, string id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) is var (type, profile) && profile.OwnerId == userId ? (type, profile) : null;

    /// <summary>The latest version of an organisation whoever owns it, or null; for the site's own use, never shown as is.</summary>
    public async Task<(ContentTypeDefinition Type, DirectoryProfile Profile)?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        foreach (var type in Kinds)
        {
            var profile = await type.Query(db).OfType<DirectoryProfile>()
                .FirstOrDefaultAsync(x => x.ContentItemId == id && x.Latest && x.DeletedUtc == null, cancellationToken);
            if (profile is not null)
            {
                return (type, profile);
            }
        }

        return null;
    }

    public async Task<List<(ContentTypeDefinition Type, DirectoryProfile Profile, ProfileStatus Status)>> ListOwnedAsync(string userId, CancellationToken cancellationToken = default)
    {
        var result = new List<(ContentTypeDefinition, DirectoryProfile, ProfileStatus)>();
        foreach (var type in Kinds)
        {
            var profiles = await type.Query(db).AsNoTracking().OfType<DirectoryProfile>()
                .Where(x => x.Latest && x.DeletedUtc == null && x.OwnerId == userId).OrderBy(x => x.Title).ToListAsync(cancellationToken);
            foreach (var profile in profiles)
            {
                result.Add((type, profile, await StatusAsync(type, profile, cancellationToken)));
            }
        }

        return result;
    }

    public async Task<ProfileStatus> StatusAsync(ContentTypeDefinition type, DirectoryProfile latest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(latest);
        if (latest.Published)
        {
            return ProfileStatus.Published;
        }

        return latest.ReviewState switch
        {
            ReviewState.Submitted => ProfileStatus.Submitted,
            ReviewState.Returned => ProfileStatus.Returned,
            _ => await type.Query(db).AnyAsync(x => x.ContentItemId == latest.ContentItemId && x.Published, cancellationToken)
                ? ProfileStatus.PublishedWithChanges
                : ProfileStatus.Draft,
        };
    }
}
