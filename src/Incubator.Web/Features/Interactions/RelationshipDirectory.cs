using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions;

/// <summary>A name to show for an id: an organisation, a person or a staff member.</summary>
internal sealed record NamedRef(string Id, string Name);

/// <summary>
/// The names interactions and follow-up tasks show and check ids against: directory entries of every kind (the newest
/// version, not deleted), people not merged away, and the staff (users whose role holds the Staff permission, or
/// administrators, not disabled).
/// </summary>
internal sealed class RelationshipDirectory(IncubatorDbContext db)
{
    public async Task<Dictionary<string, string>> OrganisationsAsync(IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await AddAsync(db.Startups, ids, result, cancellationToken);
        await AddAsync(db.Enterprises, ids, result, cancellationToken);
        await AddAsync(db.Mentors, ids, result, cancellationToken);
        await AddAsync(db.Organisations, ids, result, cancellationToken);
        return result;
    }

    public async Task<Dictionary<string, string>> PeopleAsync(IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null);
        if (ids is not null)
        {
            var list = ids.ToList();
            query = query.Where(p => list.Contains(p.Id));
        }

        return await query.ToDictionaryAsync(p => p.Id, p => p.FullName, StringComparer.Ordinal, cancellationToken);
    }

    public async Task<Dictionary<string, string>> StaffAsync(IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = Staff();
        if (ids is not null)
        {
            var list = ids.ToList();
            query = query.Where(u => list.Contains(u.Id));
        }

        return (await query.Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, StringComparer.Ordinal);
    }

    /// <summary>The staff member with this e-mail address (case-insensitively), or null.</summary>
    public async Task<string?> StaffByEmailAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var normalized = email.Trim().ToUpperInvariant();
        return await Staff().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Display names of any users (the author of an entry may have left the staff since).</summary>
    public async Task<Dictionary<string, string>> UserNamesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct(StringComparer.Ordinal).ToList();
        return (await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, StringComparer.Ordinal);
    }

    private IQueryable<User> Staff() =>
        db.Users.AsNoTracking().Where(u => !u.Disabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId
            && (r.Name == Roles.Administrator || db.RoleClaims.Any(c => c.RoleId == r.Id && c.ClaimType == Permissions.ClaimType && c.ClaimValue == Policies.Staff)))));

    private static async Task AddAsync<T>(DbSet<T> set, IReadOnlyCollection<string>? ids, Dictionary<string, string> result, CancellationToken cancellationToken)
        where T : DirectoryProfile
    {
        var query = set.AsNoTracking().Where(o => o.Latest && o.DeletedUtc == null);
        if (ids is not null)
        {
            var list = ids.ToList();
            query = query.Where(o => list.Contains(o.ContentItemId));
        }

        foreach (var o in await query.Select(o => new { o.ContentItemId, o.Title }).ToListAsync(cancellationToken))
        {
            result[o.ContentItemId] = o.Title;
        }
    }
}
