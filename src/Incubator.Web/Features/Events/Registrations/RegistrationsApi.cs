using System.Security.Claims;
using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>Registration over JSON: register (signed in or not), confirm with the e-mailed secret, list one's own, cancel; and the ticket's QR image.</summary>
internal static class RegistrationsApi
{
    public sealed record ColleagueRequest(string? Name, string? Email, string? Phone);

    public sealed record RegistrationRequest(
        string? Name, string? Email, string? Phone, Dictionary<string, JsonElement>? Answers, string? OrganisationId, IReadOnlyList<ColleagueRequest>? Colleagues);

    public sealed record TokenRequest(string? Token);

    public sealed record RegistrationResponse(
        string Id, string EventId, string Status, string? Code, string Name, string Email, string? OrganisationId, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt,
        DateTimeOffset? CancelledAt, IReadOnlyList<RegistrationResponse>? Colleagues = null);

    public sealed record MineResponse(string Id, string EventSlug, string EventTitle, DateTimeOffset StartsAt, string Status, string? Code, bool MayCancel);

    public static void MapRegistrationsApi(this IEndpointRouteBuilder endpoints)
    {
        // Public forms: a visitor registers without an account and confirms or cancels through the e-mail's secret, so
        // these three are open to anyone on purpose, and throttled as every public form is.
        endpoints.MapPost("/api/events/{slug}/registrations", RegisterAsync).WithTags("Events").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.ConfirmationEmail)
            .Produces<RegistrationResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        var registrations = endpoints.MapGroup("/api/registrations").WithTags("Events");
        registrations.MapGet("/", MineAsync).RequireAuthorization().Produces<IReadOnlyList<MineResponse>>();
        registrations.MapPost("/{id}/confirm", ConfirmAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.ConfirmationEmail)
            .Produces<RegistrationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        registrations.MapPost("/{id}/cancel", CancelAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.ConfirmationEmail)
            .Produces<RegistrationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/events/registrations/{id}/qr.png", QrAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> RegisterAsync(
        string slug, RegistrationRequest request, ClaimsPrincipal user, UserManager<User> users, RegistrationCommands commands, IStringLocalizer<RegistrationCommands> localizer,
        CancellationToken cancellationToken)
    {
        var input = new RegistrationInput(
            request.Name, request.Email, request.Phone, request.Answers, request.OrganisationId,
            request.Colleagues?.Select(c => new ColleagueInput(c.Name, c.Email, c.Phone)).ToList());
        var result = await commands.RegisterAsync(slug, input, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, outcome => Task.FromResult<IResult>(TypedResults.Created(
            $"/api/registrations/{outcome.Registration.Id}",
            Response(outcome.Registration) with { Colleagues = outcome.Colleagues.Count == 0 ? null : [.. outcome.Colleagues.Select(c => Response(c))] })));
    }

    private static async Task<IResult> MineAsync(
        bool? mine, ClaimsPrincipal user, UserManager<User> users, RegistrationReader reader, TimeProvider clock, IStringLocalizer<RegistrationCommands> localizer,
        CancellationToken cancellationToken)
    {
        if (mine == false)
        {
            return CommandResult.Invalid("mine", "Only your own registrations are listed here: use mine=true.").ToProblem(localizer);
        }

        var userId = users.GetUserId(user)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await reader.MineAsync(userId, now, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new MineResponse(
            r.Registration.Id, r.Event.Slug, r.Event.Title, EventsApi.Vietnam(r.Event.StartsUtc), StatusName(r.Registration.Status), CodeOf(r.Registration),
            r.Registration.Status != RegistrationStatus.Cancelled && now < r.Event.StartsUtc)).ToList());
    }

    private static async Task<IResult> ConfirmAsync(string id, TokenRequest request, RegistrationCommands commands, IStringLocalizer<RegistrationCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.ConfirmAsync(id, request.Token, cancellationToken);
        return await result.RespondAsync(localizer, r => Task.FromResult<IResult>(TypedResults.Ok(Response(r))));
    }

    private static async Task<IResult> CancelAsync(
        string id, TokenRequest? request, ClaimsPrincipal user, UserManager<User> users, RegistrationTokens tokens, RegistrationCommands commands,
        IStringLocalizer<RegistrationCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.CancelAsync(id, users.GetUserId(user), tokens.IsTicket(request?.Token, id), cancellationToken);
        return await result.RespondAsync(localizer, r => Task.FromResult<IResult>(TypedResults.Ok(Response(r))));
    }

    /// <summary>The ticket's QR code as a PNG, for the e-mail's image: only with the ticket's token (or to its holder).</summary>
    private static async Task<IResult> QrAsync(
        string id, string? t, ClaimsPrincipal user, UserManager<User> users, RegistrationReader reader, RegistrationNotices notices, HttpContext context,
        CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(id, t, users.GetUserId(user), cancellationToken);
        if (found is null || found.Registration.Status != RegistrationStatus.Confirmed)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(TicketQr.Png(notices.CheckInUrl(found.Event, found.Registration)), "image/png");
    }

    public static RegistrationResponse Response(EventRegistration r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Id, r.EventId, StatusName(r.Status), CodeOf(r), r.Name, r.Email, r.OrganisationId, EventsApi.Vietnam(r.CreatedUtc),
            r.ConfirmedUtc is { } confirmed ? EventsApi.Vietnam(confirmed) : null, r.CancelledUtc is { } cancelled ? EventsApi.Vietnam(cancelled) : null);
    }

    /// <summary>The code is the registrant's once they confirmed; a pending registration's is not shown.</summary>
    private static string? CodeOf(EventRegistration r) => r.Status == RegistrationStatus.PendingConfirmation ? null : r.Code;

    /// <summary>The status as the API names it.</summary>
    public static string StatusName(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "confirmed",
        RegistrationStatus.Waitlisted => "waitlisted",
        RegistrationStatus.PendingConfirmation => "pending-confirmation",
        _ => "cancelled",
    };
}
