using System.Globalization;

namespace Incubator.Web.Features.Programmes;

/// <summary>A text staff write in Vietnamese and, optionally, English: <c>{ "vi": "...", "en": "..." }</c>.</summary>
internal sealed record LocalizedText(string Vi, string? En = null)
{
    /// <summary>The English text for an English reader when there is one, the Vietnamese otherwise.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(En) ? En : Vi;
    }

    /// <summary>In the current UI culture.</summary>
    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
