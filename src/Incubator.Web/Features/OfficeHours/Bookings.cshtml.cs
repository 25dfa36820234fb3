using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// A startup's mentoring bookings (its owner only): the free slots of the mentors it is matched with, each bookable with a
/// topic; its bookings, to cancel, to rate once held or to say the mentor did not come; its action items to tick.
/// </summary>
[Authorize]
internal sealed class BookingsModel(
    IncubatorDbContext db, OrganisationAccess access, BookingCommands bookings, SessionCommands sessions, OfficeHoursReader reader, UserManager<User> users,
    TimeProvider clock, IOptions<OfficeHoursOptions> options, IStringLocalizer<BookingsModel> localizer) : PageModel
{
    public sealed record MentorSlots(string MentorId, string Name, IReadOnlyList<SlotView> Slots);

    public DirectoryProfile Organisation { get; private set; } = null!;
    public IReadOnlyList<MentorSlots> Mentors { get; private set; } = [];
    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];
    public IReadOnlyList<SessionActionItem> Items { get; private set; } = [];
    public DateTime NowUtc { get; private set; }

    /// <summary>The slot whose booking form was refused, with the message to show beside its topic.</summary>
    public string? FailedSlot { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBookAsync(string id, string slotId, string? topic, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await bookings.BookAsync(new BookingCommands.Request(slotId, id, topic), Caller(), cancellationToken);
        if (!result.Succeeded)
        {
            FailedSlot = slotId;
            ModelState.AddModelError("topic", localizer[result.Detail ?? result.Errors.Values.FirstOrDefault() ?? "Nothing was changed."]);
            return Page();
        }

        Message = localizer["The session is booked; you and the mentor receive an invitation by e-mail."];
        return RedirectToPage("/OfficeHours/Bookings", new { id });
    }

    public Task<IActionResult> OnPostCancelAsync(string id, string bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, () => bookings.CancelAsync(bookingId, Caller(), cancellationToken), "The booking is cancelled; both sides are told.", cancellationToken);

    public Task<IActionResult> OnPostAbsentAsync(string id, string bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, () => sessions.MentorAbsentAsync(bookingId, Caller(), cancellationToken), "It is recorded that the mentor did not come.", cancellationToken);

    public Task<IActionResult> OnPostRateAsync(string id, string bookingId, int? stars, string? comment, CancellationToken cancellationToken) =>
        ActAsync(id, () => sessions.RateAsync(bookingId, new SessionCommands.RatingRequest(stars, comment), Caller(), cancellationToken), "Thank you for your rating.", cancellationToken);

    public async Task<IActionResult> OnPostTickAsync(string id, long itemId, bool done, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var result = await sessions.TickAsync(itemId, done, Caller(), cancellationToken);
        return result.Succeeded ? RedirectToPage("/OfficeHours/Bookings", new { id }) : NotFound();
    }

    private async Task<IActionResult> ActAsync<T>(string id, Func<Task<CommandResult<T>>> act, string done, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var result = await act();
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? localizer[done] : localizer[result.Detail ?? result.Errors.Values.FirstOrDefault() ?? "Nothing was changed."];
        return RedirectToPage("/OfficeHours/Bookings", new { id });
    }

    private MentoringCaller Caller() => new(users.GetUserId(User)!, Staff: false);

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await access.FindOwnedAsync(users.GetUserId(User)!, id, cancellationToken) is not var (_, organisation))
        {
            return false;
        }

        Organisation = organisation;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var mentorIds = await db.Set<MentorMatch>().AsNoTracking().Where(m => m.OrganisationId == id && m.Status == MatchStatus.Active)
            .Select(m => m.MentorId).Distinct().Take(50).ToListAsync(cancellationToken);
        var names = await MentoringNames.MentorsAsync(db, mentorIds, cancellationToken);
        var list = new List<MentorSlots>();
        foreach (var mentorId in mentorIds)
        {
            var free = await reader.SlotsAsync(mentorId, NowUtc, NowUtc.AddDays(7 * (options.Value.WeeksAhead + 1)), freeOnly: true, cancellationToken);
            list.Add(new MentorSlots(mentorId, names.GetValueOrDefault(mentorId) ?? mentorId, free));
        }

        Mentors = [.. list.OrderBy(m => m.Name, StringComparer.CurrentCulture)];
        Bookings = await reader.BookingsAsync(Caller(), mine: true, id, cancellationToken);
        Items = await db.Set<SessionActionItem>().AsNoTracking().Where(i => i.OrganisationId == id && i.Owner == ActionItemOwner.Startup)
            .OrderBy(i => i.DoneUtc != null).ThenBy(i => i.DueOn).Take(OfficeHoursReader.MaxRows).ToListAsync(cancellationToken);
        return true;
    }
}
