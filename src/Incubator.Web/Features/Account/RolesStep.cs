using System.Security.Claims;
using System.Text.Json.Nodes;
using Incubator.Recipes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Recipe step "Roles": <c>{ "roles": [ "Administrator", "Staff", ... ], "permissions": { "Leader": [ "BackOffice" ] } }</c>.
/// Creates the missing roles; a role created without an entry under "permissions" gets the product's defaults
/// (<see cref="Permissions.Defaults"/>). A role listed under "permissions" holds exactly the permissions listed
/// there afterwards. Administrators always hold every permission, so the step refuses to list less for them.
/// </summary>
internal sealed class RolesStep(RoleManager<IdentityRole> roles, SecurityAudit audit) : IRecipeStep, IRecipeExport
{
    public string Name => "Roles";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 10;

    /// <summary>
    /// The product's roles the site has, in the product's order, each with exactly the permissions it holds, so the
    /// step grants the same on another site (administrators always hold every permission).
    /// </summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var existing = await roles.Roles.ToListAsync(cancellationToken);
        var list = Account.Roles.All.Select(name => existing.Find(r => r.Name == name)).OfType<IdentityRole>().ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var permissions = new JsonObject();
        foreach (var role in list)
        {
            var held = role.Name == Account.Roles.Administrator
                ? Permissions.All
                : [.. (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value)];
            permissions[role.Name!] = new JsonArray([.. Permissions.All.Where(held.Contains).Select(p => JsonValue.Create(p))]);
        }

        return new JsonObject { ["roles"] = new JsonArray([.. list.Select(r => JsonValue.Create(r.Name))]), ["permissions"] = permissions };
    }

    public sealed record Data(List<string>? Roles, Dictionary<string, List<string>>? Permissions);

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var (names, grants) = Read(step);
        var changed = 0;
        foreach (var name in names.Concat(grants.Keys).Distinct(StringComparer.Ordinal))
        {
            var role = await roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new IdentityRole(name);
                Check(step, "$.roles", await roles.CreateAsync(role));
                changed++;
                if (!grants.ContainsKey(name))
                {
                    changed += await GrantAsync(step, role, Permissions.Defaults[name]);
                }
            }

            if (grants.TryGetValue(name, out var wanted))
            {
                var before = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).ToList();
                if (await GrantAsync(step, role, wanted) is > 0 and var granted)
                {
                    // Takes effect on the next request of every holder of the role (grants are read per request).
                    await audit.RecordAsync(SecurityEventKinds.PermissionsChanged, null, detail: $"{name}: {List(before)} → {List(wanted)}", cancellationToken: cancellationToken);
                    changed += granted;
                }
            }
        }

        return changed;
    }

    /// <summary>Makes the role hold exactly <paramref name="wanted"/>; returns how many grants were added or removed.</summary>
    private async Task<int> GrantAsync(RecipeStep step, IdentityRole role, IReadOnlyList<string> wanted)
    {
        var held = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).ToList();
        var changed = 0;
        foreach (var claim in held.Where(c => !wanted.Contains(c.Value, StringComparer.Ordinal)))
        {
            Check(step, $"$.permissions.{role.Name}", await roles.RemoveClaimAsync(role, claim));
            changed++;
        }

        foreach (var permission in wanted.Where(p => !held.Exists(c => c.Value == p)))
        {
            Check(step, $"$.permissions.{role.Name}", await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)));
            changed++;
        }

        return changed;
    }

    private static string List(IEnumerable<string> permissions)
    {
        var list = Permissions.All.Where(permissions.Contains).ToList();
        return list.Count == 0 ? "—" : string.Join(", ", list);
    }

    private static void Check(RecipeStep step, string field, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw step.Fail(field, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static (List<string> Roles, Dictionary<string, List<string>> Grants) Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        var names = data.Roles ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            if (!Account.Roles.All.Contains(names[i]))
            {
                throw step.Fail($"$.roles[{i}]", "'{0}' is not a role of this product; use {1}", names[i], string.Join(", ", Account.Roles.All));
            }
        }

        var grants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (role, permissions) in data.Permissions ?? [])
        {
            if (!Account.Roles.All.Contains(role))
            {
                throw step.Fail($"$.permissions.{role}", "'{0}' is not a role of this product; use {1}", role, string.Join(", ", Account.Roles.All));
            }

            var list = permissions ?? [];
            var unknown = list.FirstOrDefault(p => !Permissions.All.Contains(p));
            if (unknown is not null)
            {
                throw step.Fail($"$.permissions.{role}", "'{0}' is not a permission; use {1}", unknown, string.Join(", ", Permissions.All));
            }

            if (role == Account.Roles.Administrator && Permissions.All.Any(p => !list.Contains(p)))
            {
                throw step.Fail($"$.permissions.{role}", "administrators always hold every permission; list them all or leave the role out");
            }

            grants[role] = [.. list.Distinct(StringComparer.Ordinal)];
        }

        return (names, grants);
    }
}
