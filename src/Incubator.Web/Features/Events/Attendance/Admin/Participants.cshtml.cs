using System.Globalization;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Attendance.Admin;

/// <summary>
/// An event's participants for staff, phone first: filtered by status, searched by name with or without accents, e-mail
/// or code, paged in the database; each confirmed participant has a "Check in" button. The event's figures follow.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ParticipantsModel(
    EventCommands events, ParticipantsQuery query, EventCheckIn checkIn, EventReports reports, UserManager<User> users, IStringLocalizer<ParticipantsModel> localizer)
    : PageModel
{
    public Event Event { get; private set; } = null!;
    public IReadOnlyList<Participant> Participants { get; private set; } = [];
    public EventFigures Figures { get; private set; } = null!;
    public string? Status { get; private set; }
    public string? Q { get; private set; }
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + ParticipantsQuery.PageSize - 1) / ParticipantsQuery.PageSize);

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsSuccess { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? status, string? q, int? p, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Event = item;
        Status = status == ParticipantStatuses.CheckedIn || ParticipantStatuses.Of(status) is not null ? status : null;
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        PageNumber = Math.Max(1, p ?? 1);
        (Participants, Total) = await query.PageAsync(item.ContentItemId, Status, Q, PageNumber, cancellationToken);
        Figures = await reports.ForEventAsync(item, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(string slug, string id, string? status, string? q, int? p, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var result = await checkIn.ByIdAsync(id ?? string.Empty, item.ContentItemId, users.GetUserId(User)!, cancellationToken);
        (MessageIsSuccess, Message) = CheckInMessages.Describe(result, localizer);
        return RedirectToPage("/Events/Attendance/Admin/Participants", new { slug, status, q, p });
    }

    public async Task<IActionResult> OnGetReportCsvAsync(string slug, CancellationToken cancellationToken)
    {
        if (await events.LatestAsync(slug, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var figures = await reports.ForEventAsync(item, cancellationToken);
        return File(ReportCsv.Event(figures, localizer), "text/csv; charset=utf-8", $"event-report-{item.Slug}.csv");
    }

    public string Link(int page) =>
        Url.Page("/Events/Attendance/Admin/Participants", new { slug = Event.Slug }) + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = Status,
            ["q"] = Q,
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
