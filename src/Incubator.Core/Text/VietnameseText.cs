using System.Globalization;
using System.Text;

namespace Incubator.Core.Text;

/// <summary>Unicode helpers for Vietnamese text: NFC normalisation and accent folding.</summary>
public static class VietnameseText
{
    /// <summary>Returns the text in Unicode normalisation form C, the form every stored text takes.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? ToNfc(string? text) =>
        text is null || text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>Lower-cases and strips diacritics, mapping đ/Đ to d: "Đổi Mới" becomes "doi moi".</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }
}
