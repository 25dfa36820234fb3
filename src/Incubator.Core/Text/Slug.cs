using System.Globalization;
using System.Text;

namespace Incubator.Core.Text;

/// <summary>Turns titles (Vietnamese included) into lower-case ASCII slugs such as "cong-ty-doi-moi".</summary>
public static class Slug
{
    /// <summary>The longest slug produced; longer titles are cut at a word boundary.</summary>
    public const int MaxLength = 80;

    /// <summary>Builds a slug from free text; returns an empty string when the text has no letters or digits.</summary>
    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = VietnameseText.Fold(text);
        var builder = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingDash = false;
                builder.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }

        var slug = builder.ToString();
        if (slug.Length > MaxLength)
        {
            // Keep whole words: cut at the last dash unless the cut already falls between two words.
            var endsWord = slug[MaxLength] == '-';
            slug = slug[..MaxLength];
            var cut = slug.LastIndexOf('-');
            slug = endsWord || cut <= MaxLength / 2 ? slug.TrimEnd('-') : slug[..cut];
        }

        return slug;
    }

    /// <summary>Whether a value is already a well-formed slug (what <see cref="From"/> would keep unchanged).</summary>
    public static bool IsValid(string? value) => !string.IsNullOrEmpty(value) && From(value) == value;

    /// <summary>The candidates tried, in order, when a slug is taken: "x", "x-2", "x-3", ...</summary>
    public static IEnumerable<string> Candidates(string slug)
    {
        yield return slug;
        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var head = slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug;
            yield return head + suffix;
        }
    }
}
