using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

/// <summary>
/// The holidays working-day timers skip, as staff keep them: the days the government announces each year, and the
/// estimates a recipe shipped replaced by the official schedule.
/// </summary>
internal sealed class CalendarModel(IncubatorDbContext db, IStringLocalizer<CalendarModel> localizer, ILogger<CalendarModel> logger) : PageModel
{
    /// <summary>The holidays by year, each year's days in order.</summary>
    public List<IGrouping<int, Holiday>> Years { get; private set; } = [];

    /// <summary>The new holiday's day, as a date input sends it (yyyy-MM-dd) or as staff type it (dd/MM/yyyy).</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter a valid date.")]
    public string? Date { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the holiday's name.")]
    [StringLength(Holiday.NameMaxLength, ErrorMessage = "At most {1} characters.")]
    public string? Name { get; set; }
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }

    public static string Iso(DateOnly date) => VietnamTime.FormatIsoDate(date);

    public static string DayName(DateOnly date) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(date.DayOfWeek);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var day = Parse(Date);
        var trimmed = VietnameseText.ToNfc(Name?.Trim() ?? string.Empty);
        if (day is null && ModelState.GetFieldValidationState(nameof(Date)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(nameof(Date), localizer["Enter a valid date."]);
        }

        if (day is { } wanted && await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == wanted, cancellationToken) is { } existing)
        {
            ModelState.AddModelError(nameof(Date), Duplicate(existing));
        }

        if (ModelState.IsValid)
        {
            db.Holidays.Add(new Holiday { Date = day!.Value, Name = trimmed });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Holiday {Date} ({Name}) added by {User}", Iso(day.Value), trimmed, User.Identity?.Name);
                Message = localizer["Holiday {0} added.", VietnamTime.FormatDate(day.Value)].Value;
                return RedirectToPage();
            }
            catch (DbUpdateException)
            {
                // Someone else added the same day between our check and our insert.
                db.ChangeTracker.Clear();
                var raced = await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == day.Value, cancellationToken);
                if (raced is null)
                {
                    throw;
                }

                ModelState.AddModelError(nameof(Date), Duplicate(raced));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? date, CancellationToken cancellationToken)
    {
        if (Parse(date) is not { } day)
        {
            return NotFound();
        }

        var removed = await db.Holidays.Where(h => h.Date == day).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Holiday {Date} removed by {User}", Iso(day), User.Identity?.Name);
            Message = localizer["Holiday {0} removed.", VietnamTime.FormatDate(day)].Value;
        }
        else
        {
            // Removed by someone else meanwhile, or a second click: nothing to do, but say so.
            Error = localizer["{0} is not a holiday.", VietnamTime.FormatDate(day)].Value;
        }

        return RedirectToPage();
    }

    private string Duplicate(Holiday existing) => localizer["{0} is already a holiday: {1}.", VietnamTime.FormatDate(existing.Date), existing.Name];

    // What a date input sends, or what staff type where the browser shows a plain text box.
    private static DateOnly? Parse(string? text) => VietnamTime.TryParseDate(text, out var date) ? date : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var holidays = await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(cancellationToken);
        Years = [.. holidays.GroupBy(h => h.Date.Year)];
    }
}
