namespace Incubator.Web.Features.CheckIns;

/// <summary>Settings under "CheckIns".</summary>
internal sealed class CheckInsOptions
{
    /// <summary>Days after a period ends before its missing report is late (and reminded).</summary>
    public int GraceDays { get; set; } = 10;

    /// <summary>How often late reports are looked for; zero or less turns the background tick off.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);

    public static IEnumerable<string> Problems(CheckInsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GraceDays is < 0 or > 90)
        {
            yield return "CheckIns:GraceDays must be between 0 and 90 days.";
        }
    }

    /// <summary>
    /// The latest period of <paramref name="cadence"/> whose report is due by <paramref name="today"/>: it ended more
    /// than <paramref name="graceDays"/> days ago.
    /// </summary>
    public static CheckInPeriod DuePeriod(DateOnly today, string? cadence, int graceDays)
    {
        var period = CheckInPeriod.Containing(today, cadence).Previous();
        while (period.End.AddDays(graceDays) >= today)
        {
            period = period.Previous();
        }

        return period;
    }
}
