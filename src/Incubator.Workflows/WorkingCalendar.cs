namespace Incubator.Workflows;

/// <summary>Which days are working days: not a weekend day and not a public holiday.</summary>
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

    /// <summary>Vietnam: Saturday and Sunday off, with <see cref="VietnameseHolidays.Default"/>.</summary>
    public static WorkingCalendar Vietnam { get; } = new(VietnameseHolidays.Default);

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

/// <summary>
/// Vietnamese public holidays (Labour Code 2019, art. 112) as the weekdays actually off, including the
/// compensating day when a holiday falls on a weekend. Lunar dates were converted for UTC+7. The years
/// the government has not yet fixed (the Tết 2027 and National Day schedules) follow the usual pattern
/// and should be replaced through the calendar setting once the official schedule is published.
/// </summary>
public static class VietnameseHolidays
{
    /// <summary>2026.</summary>
    public static IReadOnlyList<DateOnly> Year2026 { get; } =
    [
        new(2026, 1, 1), // New Year (Thursday)
        new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20), // Tết: 29 Chạp to mùng 4 (mùng 1 = 17/2)
        new(2026, 4, 27), // Hùng Kings, 10/3 lunar = Sunday 26/4, compensated on Monday
        new(2026, 4, 30), // Reunification Day (Thursday)
        new(2026, 5, 1), // Labour Day (Friday)
        new(2026, 9, 1), new(2026, 9, 2), // National Day (Wednesday) and the day before
    ];

    /// <summary>2027.</summary>
    public static IReadOnlyList<DateOnly> Year2027 { get; } =
    [
        new(2027, 1, 1), // New Year (Friday)
        new(2027, 2, 5), new(2027, 2, 8), new(2027, 2, 9), new(2027, 2, 10), new(2027, 2, 11), // Tết: mùng 1 = Saturday 6/2; 30 Chạp to mùng 4, the weekend compensated after
        new(2027, 4, 16), // Hùng Kings, 10/3 lunar (Friday)
        new(2027, 4, 30), // Reunification Day (Friday)
        new(2027, 5, 3), // Labour Day, Saturday 1/5, compensated on Monday
        new(2027, 9, 2), new(2027, 9, 3), // National Day (Thursday) and the day after
    ];

    /// <summary>Every year above.</summary>
    public static IReadOnlyList<DateOnly> Default { get; } = [.. Year2026, .. Year2027];
}
