using System.Globalization;
using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Taxonomies;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Content;

/// <summary>Turns field values into the text people read: term names, dd/MM/yyyy dates, VND amounts, translated choices.</summary>
internal sealed class ContentDisplay(TaxonomyService taxonomies, IStringLocalizer<ContentDisplay> localizer)
{
    public async Task<string?> TextAsync(ContentField field, ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Kind == FieldKind.Image)
        {
            return null;
        }

        return field.Get(item) switch
        {
            null => null,
            string s when s.Length == 0 => null,
            List<string> list when list.Count == 0 => null,
            List<string> list => string.Join(", ", await taxonomies.NamesAsync(field.Taxonomy!, list, cancellationToken)),
            string code when field.Kind == FieldKind.Term => await taxonomies.NameAsync(field.Taxonomy!, code, cancellationToken),
            DateOnly date => VietnamTime.FormatDate(date),
            long amount when field.Kind == FieldKind.Money => Money.Format(amount),
            decimal share => share.ToString("0.##", CultureInfo.CurrentCulture) + " %",
            bool flag => flag ? localizer["Yes"] : localizer["No"],
            Enum choice when choice.ToString() == "None" => null,
            Enum choice => localizer[Humanize(choice.ToString())],
            IFormattable number => number.ToString(null, CultureInfo.CurrentCulture),
            var other => other.ToString(),
        };
    }

    /// <summary>The localisation key of an enum value: "ResearchInstitute" becomes "Research institute".</summary>
    public static string Humanize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>A field error in the visitor's language.</summary>
    public static string Describe(FieldError error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[error.Message, error.Arguments].Value;
    }
}
