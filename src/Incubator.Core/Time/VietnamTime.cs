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

    /// <summary>Formats a calendar date as yyyy-MM-dd, as JSON, recipes and date inputs carry it.</summary>
    public static string FormatIsoDate(DateOnly date) => date.ToString(IsoDateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a date as people type it in a form, in either language: dd/MM/yyyy or d/M/yyyy, or yyyy-MM-dd as a
    /// browser's date input sends it. Surrounding spaces are ignored.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), TypedDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads a date as JSON, recipes and date inputs carry it: yyyy-MM-dd and nothing else.</summary>
    public static bool TryParseIsoDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, IsoDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private const string IsoDateFormat = "yyyy-MM-dd";

    private static readonly string[] TypedDateFormats = ["dd/MM/yyyy", "d/M/yyyy", IsoDateFormat];

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
