using System.Globalization;

namespace Incubator.Core.Text;

/// <summary>
/// Money is a whole number of đồng (a <see cref="long"/>), shown as "1.500.000.000 ₫" in both languages (the đồng's
/// own convention), and read back from what people type.
/// </summary>
public static class Money
{
    private static readonly NumberFormatInfo VndFormat = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>Formats an amount of đồng with dots between thousands and the ₫ sign.</summary>
    public static string Format(long dong) => dong.ToString("#,0", VndFormat) + " ₫";

    /// <summary>
    /// Reads a whole, non-negative amount of đồng as people type it: "1500000000", "1.500.000.000", "1 500 000 000",
    /// "1,500,000,000", with or without a trailing "₫". Separators must group the digits by three, so "1,5" or "15.00"
    /// (a decimal, not a grouping) is refused rather than read as 15 or 1500.
    /// </summary>
    public static bool TryParse(string? text, out long dong)
    {
        dong = 0;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.EndsWith('₫'))
        {
            trimmed = trimmed[..^1].TrimEnd();
        }

        if (trimmed.Length == 0)
        {
            return false;
        }

        // Spaces (also the non-breaking ones a copied amount carries) only ever group thousands.
        var separator = trimmed.FirstOrDefault(c => !char.IsAsciiDigit(c));
        var groups = separator == default
            ? [trimmed]
            : SplitWhere(trimmed, c => c == separator || (char.IsWhiteSpace(separator) && char.IsWhiteSpace(c)));
        if (separator != default && (!(separator is '.' or ',' || char.IsWhiteSpace(separator))
            || groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            return false;
        }

        var digits = string.Concat(groups);
        return digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out dong);
    }

    private static string[] SplitWhere(string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || isSeparator(text[i]))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        return [.. parts];
    }
}
