using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Staff record which organisations an expert is linked to (works for, advises, owns a share of); the reviewer pool
/// never offers such an expert those organisations' applications, by hand or automatically.
/// </summary>
internal static class ExpertLinkApi
{
    public sealed record LinksRequest(List<string>? OrganisationIds);

    public static void MapExpertLinkApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reviewers/{email}/links").WithTags("Reviews").RequireAuthorization(Policies.Staff);
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync);
    }

    private static async Task<Results<Ok<List<string>>, NotFound>> GetAsync(string email, UserManager<User> users, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not { } expert)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.ExpertLinks.AsNoTracking().Where(l => l.ReviewerId == expert.Id).Select(l => l.OrganisationId).OrderBy(o => o).ToListAsync(cancellationToken));
    }

    /// <summary>Replaces the expert's links with the given organisations.</summary>
    /// <remarks>
    /// A link recorded after the expert was assigned to one of the organisation's applications withdraws that
    /// assignment while its sheet is not in, and tells staff to assign another: a conflict found late is still a conflict.
    /// </remarks>
    private static async Task<Results<Ok<List<string>>, NotFound, ValidationProblem>> PutAsync(
        string email, LinksRequest request, UserManager<User> users, IncubatorDbContext db, OrganisationAccess organisations, ReviewerWithdrawal withdrawal,
        IStringLocalizer<ExpertLink> localizer, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not { } expert)
        {
            return TypedResults.NotFound();
        }

        var wanted = (request.OrganisationIds ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).ToList();
        var unknown = new List<string>();
        foreach (var id in wanted)
        {
            if (await organisations.FindAsync(id, cancellationToken) is null)
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisationIds"] = [localizer["No such organisation: {0}.", string.Join(", ", unknown)]] });
        }

        var existing = await db.ExpertLinks.Where(l => l.ReviewerId == expert.Id).ToListAsync(cancellationToken);
        db.ExpertLinks.RemoveRange(existing.Where(l => !wanted.Contains(l.OrganisationId)));
        db.ExpertLinks.AddRange(wanted.Where(o => existing.All(l => l.OrganisationId != o)).Select(o => new ExpertLink { ReviewerId = expert.Id, OrganisationId = o }));
        await withdrawal.WithdrawLinkedAsync(expert.Id, wanted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(wanted.Order(StringComparer.Ordinal).ToList());
    }
}
