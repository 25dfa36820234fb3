using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions;

/// <summary>Interactions over JSON, for staff: log one, list those of an organisation or a person.</summary>
internal static class InteractionApi
{
    /// <summary>
    /// <c>kind</c>: note, meeting, call, email, siteVisit or eventAttendance; <c>at</c>: an ISO date-time (without an
    /// offset it is Vietnam time); <c>visibility</c>: staff (the default) or staffAndMentors.
    /// </summary>
    public sealed record InteractionRequest(
        string? Kind, DateTime? At, string? Subject, string? Body, List<string>? OrganisationIds, List<string>? PersonIds, List<string>? StaffIds, string? Visibility);

    public sealed record InteractionResponse(
        string Id, string Kind, DateTime At, string Subject, string? Body, string Visibility, IReadOnlyList<string> OrganisationIds, IReadOnlyList<string> PersonIds,
        IReadOnlyList<string> StaffIds, string Url);

    public static void MapInteractionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/interactions").WithTags("Interactions").RequireAuthorization(Policies.Staff);
        group.MapPost("/", CreateAsync).Produces<InteractionResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/", ListAsync).Produces<List<InteractionResponse>>();
    }

    private static async Task<IResult> CreateAsync(
        InteractionRequest request, ClaimsPrincipal user, UserManager<User> users, SaveInteraction save, LinkGenerator links,
        IStringLocalizer<SaveInteraction> localizer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kind = InteractionLabels.KindOf(request.Kind);
        if (kind is null)
        {
            errors["kind"] = "Kind must be one of note, meeting, call, email, siteVisit, eventAttendance.";
        }

        var visibility = InteractionLabels.VisibilityOf(request.Visibility);
        if (visibility is null)
        {
            errors["visibility"] = "Visibility must be staff or staffAndMentors.";
        }

        if (request.At is null)
        {
            errors["at"] = "Enter the date and time.";
        }

        var input = new InteractionInput(
            kind ?? InteractionKind.Note, request.At is { } at ? SaveInteraction.ToUtc(at) : default, request.Subject, request.Body,
            request.OrganisationIds ?? [], request.PersonIds ?? [], request.StaffIds ?? [users.GetUserId(user)!], visibility ?? InteractionVisibility.Staff);
        if (errors.Count > 0)
        {
            // The other fields' refusals come with these, so the caller sees every problem at once.
            foreach (var (key, message) in (await save.ValidateAsync(input, cancellationToken)).Errors)
            {
                errors.TryAdd(key, message);
            }

            return CommandResult.Invalid(errors).ToProblem(localizer);
        }

        var result = await save.CreateAsync(input, [], users.GetUserId(user)!, cancellationToken);
        return await result.RespondAsync(localizer, interaction =>
        {
            var response = Response(interaction, links);
            return Task.FromResult<IResult>(TypedResults.Created(response.Url, response));
        });
    }

    private static async Task<IResult> ListAsync(
        string? organisation, string? person, IncubatorDbContext db, LinkGenerator links, IStringLocalizer<SaveInteraction> localizer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(organisation) && string.IsNullOrWhiteSpace(person))
        {
            return CommandResult.Invalid("organisation", "Name an organisation or a person.").ToProblem(localizer);
        }

        var query = db.Set<Interaction>().AsNoTracking().Include(i => i.Participants).AsQueryable();
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            query = query.Where(i => i.Participants.Any(p => p.Kind == ParticipantKind.Organisation && p.RefId == organisation));
        }

        if (!string.IsNullOrWhiteSpace(person))
        {
            query = query.Where(i => i.Participants.Any(p => p.Kind == ParticipantKind.Person && p.RefId == person));
        }

        var rows = await query.OrderByDescending(i => i.AtUtc).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(i => Response(i, links)).ToList());
    }

    private static InteractionResponse Response(Interaction i, LinkGenerator links) => new(
        i.Id, InteractionLabels.Code(i.Kind), DateTime.SpecifyKind(i.AtUtc, DateTimeKind.Utc), i.Subject, i.Body, InteractionLabels.Code(i.Visibility),
        Ids(i, ParticipantKind.Organisation), Ids(i, ParticipantKind.Person), Ids(i, ParticipantKind.Staff),
        links.PathToPage("/Interactions/Admin/Show", new { id = i.Id }));

    private static List<string> Ids(Interaction i, ParticipantKind kind) => [.. i.Participants.Where(p => p.Kind == kind).Select(p => p.RefId)];
}
