using Incubator.Web.Features.Account;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// For staff, what the pickers of the interaction and task forms ask while one types: organisations and people whose
/// name holds <c>q</c> (case and accents do not matter), at most <c>take</c> (20 unless given, 50 at most).
/// </summary>
internal static class RelationshipApi
{
    public sealed record Match(string Id, string Name);

    public static void MapRelationshipApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/relationships").WithTags("Relationships").RequireAuthorization(Policies.Staff);
        group.MapGet("/organisations", OrganisationsAsync).Produces<List<Match>>();
        group.MapGet("/people", PeopleAsync).Produces<List<Match>>();
    }

    private static async Task<IResult> OrganisationsAsync(string? q, int? take, RelationshipPicker picker, CancellationToken cancellationToken) =>
        TypedResults.Ok((await picker.OrganisationsAsync(q, take, cancellationToken)).ConvertAll(r => new Match(r.Id, r.Name)));

    private static async Task<IResult> PeopleAsync(string? q, int? take, RelationshipPicker picker, CancellationToken cancellationToken) =>
        TypedResults.Ok((await picker.PeopleAsync(q, take, cancellationToken)).ConvertAll(r => new Match(r.Id, r.Name)));
}
