namespace Incubator.Web.Features.OfficeHours;

/// <summary>Settings under "OfficeHours".</summary>
internal sealed class OfficeHoursOptions
{
    public const string Section = "OfficeHours";

    /// <summary>How many weekly occurrences a repeating slot makes (the first included).</summary>
    public int WeeksAhead { get; set; } = 8;

    /// <summary>What a startup's hours are counted against: "match" (each match's own hours) or "cohort" (one pot per cohort membership).</summary>
    public string AllocationPer { get; set; } = "match";

    /// <summary>The hours a startup may book in one cohort, when <see cref="AllocationPer"/> is "cohort".</summary>
    public int HoursPerCohort { get; set; } = 12;

    /// <summary>How long before the start the startup or the mentor may still cancel (staff may at any time).</summary>
    public TimeSpan CancellationNotice { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often sessions starting within a day are looked for to remind; zero or less turns it off.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool PerCohort => string.Equals(AllocationPer, "cohort", StringComparison.Ordinal);

    public static IEnumerable<string> Problems(OfficeHoursOptions options)
    {
        if (options.WeeksAhead is < 1 or > 52)
        {
            yield return $"OfficeHours:WeeksAhead must be from 1 to 52, not {options.WeeksAhead}.";
        }

        if (options.AllocationPer is not ("match" or "cohort"))
        {
            yield return $"OfficeHours:AllocationPer must be \"match\" or \"cohort\", not \"{options.AllocationPer}\".";
        }

        if (options.HoursPerCohort is < 1 or > 1000)
        {
            yield return $"OfficeHours:HoursPerCohort must be a number of hours from 1 to 1000, not {options.HoursPerCohort}.";
        }

        if (options.CancellationNotice < TimeSpan.Zero || options.CancellationNotice > TimeSpan.FromDays(30))
        {
            yield return $"OfficeHours:CancellationNotice must be from 0 to 30 days, not {options.CancellationNotice}.";
        }
    }
}
