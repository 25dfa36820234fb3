using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// The site's working-day calendar: Saturday and Sunday off, plus the days in the Holidays table. Scoped and read at
/// most once per scope (a request, a timer tick), so a day staff add counts from the next request or tick on, on every
/// web instance. Read asynchronously when a runner first needs it, not in a DI factory, so that resolving
/// <see cref="WorkflowService"/> costs no blocking query.
/// </summary>
internal sealed class HolidayCalendar(IncubatorDbContext db)
{
    private WorkingCalendar? _calendar;

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken = default) =>
        _calendar ??= new WorkingCalendar(await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken), [DayOfWeek.Saturday, DayOfWeek.Sunday]);
}
