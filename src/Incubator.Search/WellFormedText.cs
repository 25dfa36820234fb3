using System.Text;

namespace Incubator.Search;

/// <summary>
/// Text made safe to normalise: a lone UTF-16 surrogate (from a JSON "\ud800", or input cut in the middle of an
/// emoji) makes <see cref="string.Normalize()"/> throw, so it becomes U+FFFD, which separates words like any symbol.
/// </summary>
internal static class WellFormedText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = IndexOfLoneSurrogate(text, 0);
        if (index < 0)
        {
            return text; // the common case: no copy
        }

        var builder = new StringBuilder(text.Length);
        var from = 0;
        while (index >= 0)
        {
            builder.Append(text, from, index - from).Append('\uFFFD');
            from = index + 1;
            index = IndexOfLoneSurrogate(text, from);
        }

        return builder.Append(text, from, text.Length - from).ToString();
    }

    private static int IndexOfLoneSurrogate(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }
}
