using System.Globalization;

namespace Incubator.Core.Text;

/// <summary>
/// Numbers other than money, shown and read the way the reader's language writes them: 1.234,5 in Vietnamese,
/// 1,234.5 in English. The separators are fixed here rather than taken from the system's culture data, so a server
/// with different ICU data shows the same thing.
/// </summary>
public static class Numbers
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NegativeSign = "-" };
    private static readonly NumberFormatInfo English = new() { NumberGroupSeparator = ",", NumberDecimalSeparator = ".", NegativeSign = "-" };

    /// <summary>
    /// A number with thousands grouped and at most <paramref name="decimals"/> decimals (none shown when it is whole),
    /// in <paramref name="culture"/> (the current culture when not given); "—" for no value.
    /// </summary>
    public static string Format(decimal? value, int decimals = 2, CultureInfo? culture = null) =>
        value is { } v ? v.ToString("#,0." + new string('#', Math.Max(0, decimals)), FormatOf(culture ?? CultureInfo.CurrentCulture)) : "—";

    /// <summary>
    /// Reads a number as people type it in either language: a comma or a point before the decimals, an optional
    /// leading minus, spaces ignored. Thousands separators are not accepted, since "1.500" would be 1500 to one
    /// reader and 1.5 to the other.
    /// </summary>
    public static bool TryParse(string? text, out decimal value)
    {
        var normalised = new string([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]).Replace(',', '.');
        return decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static NumberFormatInfo FormatOf(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? English : Vietnamese;
}
