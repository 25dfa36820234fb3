using System.Text;
using Incubator.Core.Text;

namespace Incubator.Web.Features.People;

/// <summary>
/// The forms people's names, e-mails and phones are compared in, so that duplicate detection, import and the user
/// link all agree: "Nguyễn  Văn An" typed in NFD matches "nguyễn văn an"; "+84 912 345 678" matches "0912345678".
/// </summary>
internal static class PersonText
{
    /// <summary>The name in NFC, lower case (Vietnamese rules), trimmed, with runs of white space made one space.</summary>
    public static string NormalizeName(string name)
    {
        var nfc = VietnameseText.ToNfc(name).Trim().ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        var builder = new StringBuilder(nfc.Length);
        var space = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The address trimmed and in lower case (addresses are compared case-insensitively).</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// The phone's digits, with Vietnam's country code written as the national 0 (+84 912…, 84912…, 0912… are one
    /// number); empty when the text holds no digit.
    /// </summary>
    public static string NormalizePhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (phone.TrimStart().StartsWith('+') && digits.StartsWith("84", StringComparison.Ordinal))
        {
            return "0" + digits[2..];
        }

        return digits.Length == 11 && digits.StartsWith("84", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
    }
}
