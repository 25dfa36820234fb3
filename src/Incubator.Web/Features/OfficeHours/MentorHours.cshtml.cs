using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Mentoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// A mentor's office hours: publish a slot (once or weekly), the slots ahead, the bookings, the sessions waiting for
/// their log (a form each), and the mentor's own hours and satisfaction.
/// </summary>
[Authorize(Roles = Roles.Mentor)]
internal sealed class MentorHoursModel(
    SlotCommands slots, BookingCommands bookings, SessionCommands sessions, OfficeHoursReader reader, OfficeHoursReports reports, MentorProfiles profiles,
    UserManager<User> users, TimeProvider clock, IOptions<OfficeHoursOptions> options, IStringLocalizer<MentorHoursModel> localizer) : PageModel
{
    [BindProperty]
    public OfficeHoursForms.SlotForm Slot { get; set; } = new();

    [BindProperty]
    public OfficeHoursForms.LogForm Log { get; set; } = new();

    public string? MentorId { get; private set; }
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];
    public IReadOnlyList<BookingView> Upcoming { get; private set; } = [];
    public IReadOnlyList<BookingView> ToLog { get; private set; } = [];
    public HoursLine? Figures { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSlotAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        var mentorId = await slots.MentorIdOfAsync(account!.Id, cancellationToken);
        if (mentorId is null)
        {
            var draft = await profiles.SaveMineAsync(account.Id, account.DisplayName ?? account.Email ?? account.Id, new MentorProfiles.ProfileRequest(null, null, null, null, null, null, null), cancellationToken);
            mentorId = draft.Value?.MentorId;
        }

        var result = mentorId is null ? CommandResult.NotFound().As<IReadOnlyList<MentorSlot>>() : await slots.CreateAsync(mentorId, Slot.ToRequest(), account.Id, cancellationToken);
        if (!result.Succeeded)
        {
            OfficeHoursForms.AddTo(result, ModelState, localizer, nameof(Slot), OfficeHoursForms.SlotFields);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = result.Value!.Count > 1 ? localizer["{0} weekly slots are published.", result.Value.Count] : localizer["The slot is published."];
        return RedirectToPage("/OfficeHours/MentorHours");
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken)
    {
        var result = await bookings.CancelAsync(id, new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? localizer["The booking is cancelled; both sides are told."] : localizer[result.Detail ?? "Nothing was changed."];
        return RedirectToPage("/OfficeHours/MentorHours");
    }

    public async Task<IActionResult> OnPostLogAsync(CancellationToken cancellationToken)
    {
        var result = await sessions.LogAsync(Log.BookingId ?? string.Empty, Log.ToRequest(), new MentoringCaller(users.GetUserId(User)!, Staff: false), cancellationToken);
        if (result.Status is CommandStatus.NotFound or CommandStatus.Forbidden)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            OfficeHoursForms.AddTo(result, ModelState, localizer, nameof(Log), OfficeHoursForms.LogFields(Log));
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = localizer["The session is logged."];
        return RedirectToPage("/OfficeHours/MentorHours");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        MentorId = await slots.MentorIdOfAsync(userId, cancellationToken);
        if (MentorId is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Slots = await reader.SlotsAsync(MentorId, now, now.AddDays(7 * (options.Value.WeeksAhead + 1)), freeOnly: false, cancellationToken);
        var mine = await reader.BookingsAsync(new MentoringCaller(userId, Staff: false), mine: true, null, cancellationToken);
        Upcoming = [.. mine.Where(b => b.MentorId == MentorId && b.Status == BookingStatus.Booked && b.StartsUtc > now).OrderBy(b => b.StartsUtc)];
        ToLog = await reader.ToLogAsync(MentorId, now, cancellationToken);
        Figures = (await reports.PerMentorAsync(MentorId, cancellationToken)).FirstOrDefault();
    }
}
