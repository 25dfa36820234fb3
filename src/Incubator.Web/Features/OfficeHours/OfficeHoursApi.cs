using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Office hours over JSON: mentors' slots, bookings, cancellations, session logs and ratings. Anyone without business
/// with a mentor's slots or a booking is told it does not exist.
/// </summary>
internal static class OfficeHoursApi
{
    public sealed record SlotResponse(string Id, string MentorId, DateTime StartsAt, DateTime EndsAt, string? Place, string? OnlineUrl, string? SeriesId, bool Free);

    public sealed record CreatedSlotsResponse(string Id, string MentorId, DateTime StartsAt, DateTime EndsAt, string? Place, string? OnlineUrl, string? SeriesId, IReadOnlyList<SlotResponse> Slots);

    public sealed record BookingResponse(
        string Id, string SlotId, string MentorId, string MentorName, string OrganisationId, string OrganisationName, string Topic, DateTime StartsAt, DateTime EndsAt,
        int Minutes, string Status, string? Place, string? OnlineUrl, int? Stars);

    public sealed record ActionItemResponse(long Id, string Title, DateOnly DueOn, string Owner, string? FollowUpId, bool Done);

    public sealed record BookingDetailsResponse(
        string Id, string SlotId, string MentorId, string OrganisationId, string Topic, DateTime StartsAt, DateTime EndsAt, int Minutes, string Status,
        string? Notes, int? MinutesSpent, string? NoShow, int? Stars, string? RatingComment, IReadOnlyList<ActionItemResponse> ActionItems);

    public static void MapOfficeHoursApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/mentors/me").WithTags("Office hours").RequireAuthorization(p => p.RequireRole(Roles.Mentor));
        me.MapPost("/slots", CreateMySlotsAsync).Produces<CreatedSlotsResponse>(StatusCodes.Status201Created).ProducesValidationProblem();

        var mentors = endpoints.MapGroup("/api/mentors/{id}").WithTags("Office hours").RequireAuthorization();
        mentors.MapPost("/slots", CreateSlotsAsync).RequireAuthorization(Policies.Staff)
            .Produces<CreatedSlotsResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        mentors.MapGet("/slots", ListSlotsAsync).Produces<List<SlotResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var bookings = endpoints.MapGroup("/api/bookings").WithTags("Office hours").RequireAuthorization();
        bookings.MapPost("/", BookAsync).Produces<BookingDetailsResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapGet("/", ListBookingsAsync).Produces<List<BookingResponse>>();
        bookings.MapGet("/{id}", GetBookingAsync).Produces<BookingDetailsResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapPost("/{id}/cancel", CancelAsync).Produces<BookingDetailsResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapPut("/{id}/session", LogAsync).Produces<BookingDetailsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapPost("/{id}/mentor-absent", MentorAbsentAsync).Produces<BookingDetailsResponse>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapPut("/{id}/rating", RateAsync).Produces<BookingDetailsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var items = endpoints.MapGroup("/api/action-items").WithTags("Office hours").RequireAuthorization();
        items.MapPost("/{id:long}/done", (long id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands,
                IStringLocalizer<SessionCommands> localizer, CancellationToken cancellationToken) => TickAsync(id, true, user, users, authorization, commands, localizer, cancellationToken))
            .Produces<ActionItemResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPost("/{id:long}/undone", (long id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands,
                IStringLocalizer<SessionCommands> localizer, CancellationToken cancellationToken) => TickAsync(id, false, user, users, authorization, commands, localizer, cancellationToken))
            .Produces<ActionItemResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<MentoringCaller> CallerAsync(ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization) =>
        new(users.GetUserId(user)!, (await authorization.AuthorizeAsync(user, Policies.Staff)).Succeeded);

    private static async Task<IResult> CreateMySlotsAsync(
        SlotCommands.Request request, ClaimsPrincipal user, UserManager<User> users, MentorProfiles profiles, SlotCommands slots, IStringLocalizer<SlotCommands> localizer,
        CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        var mentorId = await slots.MentorIdOfAsync(account!.Id, cancellationToken);
        if (mentorId is null)
        {
            // A mentor's first slot makes their draft mentor entry, as saving their details would.
            var draft = await profiles.SaveMineAsync(account.Id, account.DisplayName ?? account.Email ?? account.Id, new MentorProfiles.ProfileRequest(null, null, null, null, null, null, null), cancellationToken);
            if (!draft.Succeeded)
            {
                return draft.ToProblem(localizer);
            }

            mentorId = draft.Value!.MentorId;
        }

        var result = await slots.CreateAsync(mentorId, request, account.Id, cancellationToken);
        return await result.RespondAsync(localizer, created => Task.FromResult<IResult>(Created(created)));
    }

    private static async Task<IResult> CreateSlotsAsync(
        string id, SlotCommands.Request request, ClaimsPrincipal user, UserManager<User> users, Data.IncubatorDbContext db, SlotCommands slots,
        IStringLocalizer<SlotCommands> localizer, CancellationToken cancellationToken)
    {
        if (!await db.Set<MentorDetails>().AnyAsync(d => d.MentorId == id, cancellationToken))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var result = await slots.CreateAsync(id, request, users.GetUserId(user)!, cancellationToken);
        return await result.RespondAsync(localizer, created => Task.FromResult<IResult>(Created(created)));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Created<CreatedSlotsResponse> Created(IReadOnlyList<MentorSlot> created)
    {
        var all = created.Select(s => new SlotResponse(s.Id, s.MentorId, OfficeHoursReader.Utc(s.StartsUtc), OfficeHoursReader.Utc(s.EndsUtc), s.Place, s.OnlineUrl, s.SeriesId, true)).ToList();
        var first = all[0];
        return TypedResults.Created($"/api/mentors/{first.MentorId}/slots", new CreatedSlotsResponse(first.Id, first.MentorId, first.StartsAt, first.EndsAt, first.Place, first.OnlineUrl, first.SeriesId, all));
    }

    private static async Task<IResult> ListSlotsAsync(
        string id, string? from, string? to, bool? free, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SlotCommands slots,
        OfficeHoursReader reader, TimeProvider clock, IStringLocalizer<SlotCommands> localizer, CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(user, users, authorization);
        var mentorId = id == "me" ? await slots.MentorIdOfAsync(caller.UserId, cancellationToken) : id;
        if (mentorId is null || !await reader.MaySeeSlotsAsync(mentorId, caller, cancellationToken))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var fromUtc = from is null ? now : SlotCommands.ParseTime(from) ?? (Core.Time.VietnamTime.TryParseIsoDate(from, out var f) ? Midnight(f) : null);
        var toUtc = to is null ? (fromUtc ?? now).AddYears(1) : SlotCommands.ParseTime(to) ?? (Core.Time.VietnamTime.TryParseIsoDate(to, out var t) ? Midnight(t.AddDays(1)) : null);
        if (fromUtc is null || toUtc is null)
        {
            return CommandResult.Invalid(fromUtc is null ? "from" : "to", "Give a date (2026-12-10) or a date and time.").ToProblem(localizer);
        }

        var list = await reader.SlotsAsync(mentorId, fromUtc.Value, toUtc.Value, free == true, cancellationToken);
        return TypedResults.Ok(list.Select(s => new SlotResponse(s.Id, s.MentorId, s.StartsUtc, s.EndsUtc, s.Place, s.OnlineUrl, s.SeriesId, s.Free)).ToList());
    }

    private static DateTime Midnight(DateOnly date) => TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), Core.Time.VietnamTime.Zone);

    private static async Task<IResult> BookAsync(
        BookingCommands.Request request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, BookingCommands commands, OfficeHoursReader reader,
        IStringLocalizer<BookingCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.BookAsync(request, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, async booking => TypedResults.Created($"/api/bookings/{booking.Id}", await DetailsAsync(booking, reader, cancellationToken)));
    }

    private static async Task<IResult> ListBookingsAsync(
        bool? mine, string? organisationId, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OfficeHoursReader reader, CancellationToken cancellationToken)
    {
        var list = await reader.BookingsAsync(await CallerAsync(user, users, authorization), mine ?? true, organisationId, cancellationToken);
        return TypedResults.Ok(list.Select(b => new BookingResponse(
            b.Id, b.SlotId, b.MentorId, b.MentorName, b.OrganisationId, b.OrganisationName, b.Topic, b.StartsUtc, b.EndsUtc, b.Minutes, b.Status, b.Place, b.OnlineUrl, b.Stars)).ToList());
    }

    private static async Task<IResult> GetBookingAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, Data.IncubatorDbContext db, BookingCommands commands, OfficeHoursReader reader,
        IStringLocalizer<BookingCommands> localizer, CancellationToken cancellationToken)
    {
        var booking = await db.Set<MentorBooking>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || await commands.RoleAsync(booking, await CallerAsync(user, users, authorization), cancellationToken) is null)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        return TypedResults.Ok(await DetailsAsync(booking, reader, cancellationToken));
    }

    private static async Task<IResult> CancelAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, BookingCommands commands, OfficeHoursReader reader,
        IStringLocalizer<BookingCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.CancelAsync(id, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, async booking => TypedResults.Ok(await DetailsAsync(booking, reader, cancellationToken)));
    }

    private static async Task<IResult> LogAsync(
        string id, SessionCommands.LogRequest request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands,
        OfficeHoursReader reader, IStringLocalizer<SessionCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.LogAsync(id, request, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, async booking => TypedResults.Ok(await DetailsAsync(booking, reader, cancellationToken)));
    }

    private static async Task<IResult> MentorAbsentAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands, OfficeHoursReader reader,
        IStringLocalizer<SessionCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.MentorAbsentAsync(id, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, async booking => TypedResults.Ok(await DetailsAsync(booking, reader, cancellationToken)));
    }

    private static async Task<IResult> RateAsync(
        string id, SessionCommands.RatingRequest request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands,
        OfficeHoursReader reader, IStringLocalizer<SessionCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.RateAsync(id, request, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, async booking => TypedResults.Ok(await DetailsAsync(booking, reader, cancellationToken)));
    }

    private static async Task<IResult> TickAsync(
        long id, bool done, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, SessionCommands commands, IStringLocalizer<SessionCommands> localizer,
        CancellationToken cancellationToken)
    {
        var result = await commands.TickAsync(id, done, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, item => Task.FromResult<IResult>(TypedResults.Ok(Item(item))));
    }

    private static async Task<BookingDetailsResponse> DetailsAsync(MentorBooking b, OfficeHoursReader reader, CancellationToken cancellationToken)
    {
        var items = await reader.ActionItemsAsync(b.Id, cancellationToken);
        return new BookingDetailsResponse(
            b.Id, b.SlotId, b.MentorId, b.OrganisationId, b.Topic, OfficeHoursReader.Utc(b.StartsUtc), OfficeHoursReader.Utc(b.EndsUtc), b.Minutes, b.Status,
            b.Notes, b.MinutesSpent, b.NoShow, b.Stars, b.RatingComment, [.. items.Select(Item)]);
    }

    private static ActionItemResponse Item(SessionActionItem i) => new(i.Id, i.Title, i.DueOn, i.Owner, i.FollowUpId, i.DoneUtc is not null);
}
