using System.Globalization;
using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events;

/// <summary>Events over JSON: anyone reads the published public ones; staff create and change them.</summary>
internal static class EventsApi
{
    public const int MaxList = 200;

    public sealed record LocalisedText(string? Vi, string? En);

    public sealed record EventRequest(
        string? Slug, LocalisedText? Title, string? Kind, string? Description, string? StartsAt, string? EndsAt, string? Place, string? Locality, string? OnlineUrl,
        string? Organiser, int? Capacity, string? RegistrationOpensAt, string? RegistrationClosesAt, string? Audience, IReadOnlyList<FormField>? Questions,
        string? FeeNote, string? ProgrammeKey, bool? Published);

    public sealed record EventResponse(
        string Id, string Slug, LocalisedText Title, string Kind, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, string? Locality,
        string? OnlineUrl, string? Organiser, int? Capacity, DateTimeOffset? RegistrationOpensAt, DateTimeOffset? RegistrationClosesAt, string Audience,
        IReadOnlyList<FormField> Questions, string? FeeNote, string? ProgrammeKey, bool Published, bool RegistrationOpen, int SeatsTaken, string Url);

    public static void MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/events").WithTags("Events");
        events.MapGet("/", ListAsync).Produces<IReadOnlyList<EventResponse>>().ProducesValidationProblem();
        events.MapGet("/{slug}", GetAsync).Produces<EventResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        events.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff).Produces<EventResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        events.MapPut("/{slug}", UpdateAsync).RequireAuthorization(Policies.Staff).Produces<EventResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Published public events ending at or after <c>from</c> (a date, Vietnam time; today when omitted), soonest first;
    /// staff see every published event whatever its audience.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string? from, string? kind, string? locality, ClaimsPrincipal user, IncubatorDbContext db, EventSeatsReader seats, TimeProvider clock,
        Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, IStringLocalizer<EventCommands> localizer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime fromUtc;
        if (string.IsNullOrWhiteSpace(from))
        {
            fromUtc = TimeZoneInfo.ConvertTimeToUtc(VietnamTime.ToLocal(now).Date, VietnamTime.Zone);
        }
        else if (VietnamTime.TryParseIsoDate(from, out var date))
        {
            fromUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), VietnamTime.Zone);
        }
        else
        {
            return CommandResult.Invalid("from", "Give the date as YYYY-MM-DD.").ToProblem(localizer);
        }

        var staff = (await authorization.AuthorizeAsync(user, Policies.Staff)).Succeeded;
        var query = db.Set<Event>().AsNoTracking().Where(e => e.Published && e.DeletedUtc == null && e.EndsUtc >= fromUtc);
        if (!staff)
        {
            query = query.Where(e => e.Audience == EventAudience.Public);
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(locality))
        {
            query = query.Where(e => e.Locality == locality);
        }

        var list = await query.OrderBy(e => e.StartsUtc).ThenBy(e => e.Id).Take(MaxList).ToListAsync(cancellationToken);
        var taken = await seats.TakenAsync([.. list.Select(e => e.ContentItemId)], cancellationToken);
        return TypedResults.Ok(list.Select(e => Response(e, taken.GetValueOrDefault(e.ContentItemId), now)).ToList());
    }

    private static async Task<IResult> GetAsync(
        string slug, ClaimsPrincipal user, EventCommands commands, EventSeatsReader seats, TimeProvider clock,
        Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, IStringLocalizer<EventCommands> localizer, CancellationToken cancellationToken)
    {
        var staff = (await authorization.AuthorizeAsync(user, Policies.Staff)).Succeeded;
        var item = staff ? await commands.LatestAsync(slug, cancellationToken) : await commands.PublishedAsync(slug, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var taken = await seats.TakenAsync([item.ContentItemId], cancellationToken);
        return TypedResults.Ok(Response(item, taken.GetValueOrDefault(item.ContentItemId), clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> CreateAsync(
        EventRequest request, ClaimsPrincipal user, UserManager<User> users, EventCommands commands, IStringLocalizer<EventCommands> localizer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var result = await commands.CreateAsync(Input(request), users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, item => Task.FromResult<IResult>(
            TypedResults.Created($"/api/events/{item.Slug}", Response(item, 0, clock.GetUtcNow().UtcDateTime))));
    }

    private static async Task<IResult> UpdateAsync(
        string slug, EventRequest request, ClaimsPrincipal user, UserManager<User> users, EventCommands commands, EventSeatsReader seats,
        IStringLocalizer<EventCommands> localizer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await commands.UpdateAsync(slug, Input(request), users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async item =>
        {
            var taken = await seats.TakenAsync([item.ContentItemId], cancellationToken);
            return TypedResults.Ok(Response(item, taken.GetValueOrDefault(item.ContentItemId), clock.GetUtcNow().UtcDateTime));
        });
    }

    private static EventInput Input(EventRequest request) => new(
        request.Slug, request.Title?.Vi, request.Title?.En, request.Kind, request.Description, request.StartsAt, request.EndsAt, request.Place, request.Locality,
        request.OnlineUrl, request.Organiser, request.Capacity, request.RegistrationOpensAt, request.RegistrationClosesAt, request.Audience, request.Questions,
        request.FeeNote, request.ProgrammeKey, request.Published);

    public static EventResponse Response(Event e, int seatsTaken, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.ContentItemId, e.Slug, new LocalisedText(e.Title, e.TitleEn), e.Kind, e.Description, Vietnam(e.StartsUtc), Vietnam(e.EndsUtc), e.Place, e.Locality,
            e.OnlineUrl, e.Organiser, e.Capacity, e.RegistrationOpensUtc is { } o ? Vietnam(o) : null, e.RegistrationClosesUtc is { } c ? Vietnam(c) : null,
            EventCommands.FormatAudience(e), e.Questions, e.FeeNote, e.ProgrammeKey, e.Published, e.Published && e.RegistrationOpenAt(nowUtc), seatsTaken,
            EventContentTypes.Event.PublicUrl(e.Slug));
    }

    /// <summary>A UTC instant written with Vietnam's offset, as people there read it.</summary>
    public static DateTimeOffset Vietnam(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(VietnamTime.Zone.GetUtcOffset(utc));
}

/// <summary>How many seats events have given, for lists and pages.</summary>
internal sealed class EventSeatsReader(IncubatorDbContext db)
{
    public async Task<Dictionary<string, int>> TakenAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var ids = eventIds.ToList();
        return await db.Set<EventSeats>().AsNoTracking().Where(s => ids.Contains(s.EventId)).ToDictionaryAsync(s => s.EventId, s => s.Taken, cancellationToken);
    }
}
