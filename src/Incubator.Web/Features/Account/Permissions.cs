using Incubator.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>
/// What a role may do, granted per role as data (Identity's role claims of type <see cref="ClaimType"/>) and set by the
/// recipes' Roles step. Each permission is one of the <see cref="Policies"/>; pages and endpoints require policies, so
/// a grant takes effect on the next request. Administrators hold every permission whatever is stored, so that no
/// recipe can lock the site's administrators out.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "incubator:permission";

    /// <summary>Every permission, in the order the back office lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Policies.BackOffice, Policies.Staff, Policies.Administration];

    /// <summary>What a role holds when it is created without a grant of its own: the product's design.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Roles.Administrator] = All,
        [Roles.Staff] = [Policies.BackOffice, Policies.Staff],
        [Roles.Leader] = [Policies.BackOffice],
        [Roles.Reviewer] = [],
        [Roles.Mentor] = [],
        [Roles.Applicant] = [],
    };
}

/// <summary>The permission a policy stands for.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>The grants of every role, read once per request (a handful of rows).</summary>
public sealed class PermissionGrants(IncubatorDbContext db)
{
    private ILookup<string, string>? _byRole;

    public async Task<bool> AnyGrantsAsync(IEnumerable<string> roles, string permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var byRole = await AllAsync(cancellationToken);
        return roles.Any(r => byRole[r].Contains(permission, StringComparer.Ordinal));
    }

    /// <summary>The permissions stored for each role (administrators hold all of them whatever is stored).</summary>
    public async Task<ILookup<string, string>> AllAsync(CancellationToken cancellationToken = default) =>
        _byRole ??= (await (
                from claim in db.RoleClaims.AsNoTracking()
                join role in db.Roles.AsNoTracking() on claim.RoleId equals role.Id
                where claim.ClaimType == Permissions.ClaimType
                select new { role.Name, claim.ClaimValue })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.Name ?? string.Empty, r => r.ClaimValue ?? string.Empty, StringComparer.Ordinal);
}

internal sealed class PermissionHandler(PermissionGrants grants) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var roles = context.User.FindAll(context.User.Identities.First().RoleClaimType).Select(c => c.Value).ToList();
        if (roles.Contains(Roles.Administrator, StringComparer.Ordinal) || await grants.AnyGrantsAsync(roles, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
