using System.Text.Json.Nodes;
using Incubator.Recipes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>Recipe step "Roles": <c>{ "roles": [ "Administrator", "Staff", ... ] }</c>; creates the missing ones.</summary>
internal sealed class RolesStep(RoleManager<IdentityRole> roles) : IRecipeStep, IRecipeExport
{
    public string Name => "Roles";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 10;

    /// <summary>The product's roles the site has, in the product's order.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var existing = await roles.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        var list = Account.Roles.All.Where(r => existing.Contains(r)).ToList();
        return list.Count == 0 ? null : new JsonObject { ["roles"] = new JsonArray([.. list.Select(r => JsonValue.Create(r))]) };
    }

    public sealed record Data(List<string> Roles);

    public void Validate(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        for (var i = 0; i < (data.Roles?.Count ?? 0); i++)
        {
            if (!Account.Roles.All.Contains(data.Roles![i]))
            {
                throw step.Fail($"$.roles[{i}]", $"'{data.Roles[i]}' is not a role of this product; use {string.Join(", ", Account.Roles.All)}");
            }
        }
    }

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var changed = 0;
        foreach (var role in step.Read<Data>().Roles ?? [])
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw step.Fail("$.roles", string.Join(" ", result.Errors.Select(e => e.Description)));
                }

                changed++;
            }
        }

        return changed;
    }
}
