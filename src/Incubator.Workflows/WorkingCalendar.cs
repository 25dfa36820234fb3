namespace Incubator.Workflows;

/// <summary>
/// Which days are working days: not a weekend day and not a public holiday. The host supplies the holidays (the site
/// keeps them in its database, set by recipes and staff), so the engine holds no calendar of its own.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DayOfWeek> _weekend;

    /// <summary>Creates a calendar; the weekend defaults to Saturday and Sunday.</summary>
    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DayOfWeek>? weekend = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        _holidays = [.. holidays];
        _weekend = [.. weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        if (_weekend.Count >= 7)
        {
            throw new ArgumentException("A week needs at least one working day.", nameof(weekend));
        }
    }

    /// <summary>The days off besides weekends.</summary>
    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    /// <summary>True unless the day is a weekend day or a holiday.</summary>
    public bool IsWorkingDay(DateOnly day) => !_weekend.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="start"/> (0 gives <paramref name="start"/>).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }
}
