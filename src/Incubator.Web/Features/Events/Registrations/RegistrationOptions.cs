namespace Incubator.Web.Features.Events.Registrations;

/// <summary>Settings under "Events" for registration.</summary>
internal sealed class RegistrationOptions
{
    public const string Section = "Events";

    /// <summary>How long before an event its confirmed registrants are reminded.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often events starting soon are looked for to remind; zero or less turns it off.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);

    public static IEnumerable<string> Problems(RegistrationOptions options)
    {
        if (options.ReminderBefore < TimeSpan.FromHours(1) || options.ReminderBefore > TimeSpan.FromDays(14))
        {
            yield return $"Events:ReminderBefore must be from 01:00:00 to 14.00:00:00, not {options.ReminderBefore}.";
        }
    }
}
