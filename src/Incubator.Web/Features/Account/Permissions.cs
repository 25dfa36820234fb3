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
internal static class Permissions
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
internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>The grants of every role, read once per request (a handful of rows).</summary>
internal sealed class PermissionGrants(IncubatorDbContext db)
{
    private ILookup<string, string>? _byRole;

    public async Task<bool> AnyGrantsAsync(IEnumerable<string> roles, string permission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var byRole = await AllAsync(cancellationToken);
        return roles.Any(r => byRole[r].Contains(permission, StringComparer.Ordinal));
    }

    /// <summary>
    /// Staff run recipes, but only an administrator may run one whose Roles step changes what a role may do, or staff
    /// could grant themselves administration. A recipe that lists the grants the site already has (the default
    /// recipe, an export) stays open to staff. Returns the refusal, naming the step and role, or null.
    /// </summary>
    public async Task<Recipes.RecipeException?> RefuseChangesAsync(Recipes.Recipe recipe, bool administrator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (administrator)
        {
            return null;
        }

        var current = await AllAsync(cancellationToken);
        foreach (var step in recipe.Steps.Where(s => s.Name == "Roles" && s.Data.TryGetProperty("permissions", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Object))
        {
            foreach (var role in step.Data.GetProperty("permissions").EnumerateObject())
            {
                var wanted = role.Value.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? role.Value.EnumerateArray().Select(v => v.ToString()).ToHashSet(StringComparer.Ordinal)
                    : [];
                var held = role.Name == Roles.Administrator ? Permissions.All : current[role.Name];
                if (!wanted.SetEquals(held))
                {
                    return step.Fail($"$.permissions.{role.Name}", "changes what the role may do; only an administrator may run such a recipe");
                }
            }
        }

        return null;
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

internal sealed class PermissionHandler(PermissionGrants grants, SecondFactorRule secondFactor) : AuthorizationHandler<PermissionRequirement>
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
            if (await secondFactor.MustEnrolAsync(context.User))
            {
                context.Fail(new AuthorizationFailureReason(this, SecondFactorRule.FailureReason));
                return;
            }

            context.Succeed(requirement);
        }
    }
}
