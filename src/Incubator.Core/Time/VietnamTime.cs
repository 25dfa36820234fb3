using System.Globalization;

namespace Incubator.Core.Time;

/// <summary>
/// Everything is stored in UTC and shown in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight
/// saving since 1975, so a fixed offset is the fallback where the tz database is missing.
/// </summary>
public static class VietnamTime
{
    /// <summary>The zone every date and time is shown in.</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>Converts a UTC instant to Vietnam local time.</summary>
    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Formats a UTC instant as dd/MM/yyyy in Vietnam time.</summary>
    public static string FormatDate(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Formats a calendar date as dd/MM/yyyy.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Formats a UTC instant as dd/MM/yyyy HH:mm in Vietnam time.</summary>
    public static string FormatDateTime(DateTime utc) =>
        ToLocal(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
