using System.Globalization;
using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>Staff's participants list and check-in over JSON and CSV.</summary>
internal static class AttendanceApi
{
    public sealed record ParticipantResponse(
        string Id, string Name, string Email, string? Phone, string? Organisation, string? OrganisationId, string Status, string Code, DateTimeOffset RegisteredAt,
        DateTimeOffset? CheckedInAt);

    public sealed record CheckInResponse(string Id, string Name, string Status, DateTimeOffset CheckedInAt, string? PersonId);

    public static void MapAttendanceApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/events/{slug}").WithTags("Events").RequireAuthorization(Policies.Staff);
        events.MapGet("/participants", ListAsync).Produces<IReadOnlyList<ParticipantResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        events.MapGet("/participants.csv", CsvAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);

        // The same CSV for the back office's link (the cookie; a visitor is sent to sign in).
        endpoints.MapGet("/admin/events/{slug}/participants.csv", CsvAsync).RequireAuthorization(Policies.Staff).ExcludeFromDescription();

        endpoints.MapPost("/api/registrations/{id}/check-in", CheckInAsync).WithTags("Events").RequireAuthorization(Policies.Staff)
            .Produces<CheckInResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(
        string slug, string? status, string? q, EventCommands events, ParticipantsQuery participants, IStringLocalizer<EventCheckIn> localizer, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        return TypedResults.Ok(Responses(participants.AllAsync(item.ContentItemId, status, q, cancellationToken), cancellationToken));
    }

    private static async IAsyncEnumerable<ParticipantResponse> Responses(
        IAsyncEnumerable<Participant> participants, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var p in participants.WithCancellation(cancellationToken))
        {
            yield return new(
                p.Id, p.Name, p.Email, p.Phone, p.Organisation, p.OrganisationId, ParticipantStatuses.Code(p.Status), p.Code, EventsApi.Vietnam(p.CreatedUtc),
                p.CheckedInUtc is { } at ? EventsApi.Vietnam(at) : null);
        }
    }

    private static async Task<IResult> CsvAsync(
        string slug, string? status, string? q, EventCommands events, ParticipantsQuery participants, IStringLocalizer<EventCheckIn> localizer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var bytes = await ParticipantsCsv.WriteAsync(participants.AllAsync(item.ContentItemId, status, q, cancellationToken), localizer, cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"participants-{item.Slug}-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        return TypedResults.File(bytes, "text/csv; charset=utf-8", name);
    }

    private static async Task<IResult> CheckInAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, EventCheckIn checkIn, IStringLocalizer<EventCheckIn> localizer, CancellationToken cancellationToken)
    {
        var result = await checkIn.ByIdAsync(id, null, users.GetUserId(user)!, cancellationToken);
        return result.Outcome switch
        {
            CheckInOutcome.CheckedIn => TypedResults.Ok(Response(result.Registration!)),
            CheckInOutcome.AlreadyCheckedIn => CommandResult.Conflict(FormattedMessage.Create(
                "{0} was already checked in at {1}.", result.Registration!.Name, VietnamTime.ToLocal(result.Registration.CheckedInUtc!.Value).ToString("HH:mm", CultureInfo.InvariantCulture)))
                .ToProblem(localizer, new Dictionary<string, object?> { ["checkedInAt"] = EventsApi.Vietnam(result.Registration.CheckedInUtc!.Value) }),
            CheckInOutcome.NotConfirmed => CommandResult.Conflict(NotConfirmedMessage(result.Registration!)).ToProblem(localizer),
            _ => CommandResult.NotFound().ToProblem(localizer),
        };
    }

    private static CheckInResponse Response(EventRegistration r) =>
        new(r.Id, r.Name, ParticipantStatuses.Code(r.Status), EventsApi.Vietnam(r.CheckedInUtc!.Value), r.PersonId);

    /// <summary>Why a registration that is not confirmed cannot be checked in (an English key with the name).</summary>
    public static string NotConfirmedMessage(EventRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.Status switch
        {
            RegistrationStatus.Waitlisted => FormattedMessage.Create("{0} is on the waitlist, not confirmed: only confirmed participants are checked in.", registration.Name),
            RegistrationStatus.PendingConfirmation => FormattedMessage.Create("{0} has not confirmed the registration by e-mail yet: only confirmed participants are checked in.", registration.Name),
            _ => FormattedMessage.Create("{0} cancelled the registration: only confirmed participants are checked in.", registration.Name),
        };
    }
}
