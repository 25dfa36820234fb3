using System.Globalization;
using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Web.Features.Programmes;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// A problem with one field of the application form said with the field's name ("Nhập tóm tắt dự án"), as the GOV.UK
/// error summary asks: the summary at the top of the page lists these messages, each linking to its field, and the
/// same message stands beside the field. The services keep their generic messages ("This field is required.")
/// because the API names the field by its key; the page knows the field's label, so it names the field here.
/// </summary>
internal static class ApplicationFieldErrors
{
    /// <summary>The message for <paramref name="field"/>; <paramref name="message"/> is a service's message (a localisation key, maybe with values).</summary>
    public static string Named(IStringLocalizer localizer, FormField field, string message, long maxPerApplication)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        var label = field.Label.For(CultureInfo.CurrentUICulture);
        var key = FormattedMessage.TryParse(message, out var parsed, out var values) ? parsed : message;
        var choice = field.Type is FormFieldType.Choice or FormFieldType.MultiChoice;
        return key switch
        {
            "This field is required." when choice => localizer["Choose {0}", InSentence(label)],
            "This field is required." or "Give the amount of support you request." => localizer["Enter {0}", InSentence(label)],
            "Attach the required file." => localizer["Attach {0}", InSentence(label)],
            "Give a number." => localizer["{0} must be a number", label],
            "Give a whole, non-negative number of đồng." => localizer["{0} must be a whole amount of đồng, such as 1.500.000.000", label],
            "Give a date as dd/MM/yyyy." or "Give a date as yyyy-MM-dd." => localizer["{0} must be a date as dd/mm/yyyy, such as 31/12/2026", label],
            "Choose one of the options." or "Choose among the options." => localizer["Choose {0} from the options given", InSentence(label)],
            "At most {0} characters." when values.Length == 1 => localizer["{0} must be at most {1} characters", label, values[0]],
            "The requested amount must be between 0 and the programme's maximum per application." => localizer["{0} must be at most {1}", label, Money.Format(maxPerApplication)],
            _ => Prefixed(localizer, field, localizer[message].Value),
        };
    }

    /// <summary>A message already in the reader's language (a refused file's), after the field's name.</summary>
    public static string Prefixed(IStringLocalizer localizer, FormField field, string localized)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(field);
        return localizer["{0}: {1}", field.Label.For(CultureInfo.CurrentUICulture), localized];
    }

    /// <summary>
    /// The label inside a sentence ("Nhập tóm tắt dự án"): its first letter in lower case, unless the label starts with
    /// an abbreviation ("CCCD", "MST") whose second letter is a capital too.
    /// </summary>
    public static string InSentence(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0 || !char.IsUpper(label[0]) || (label.Length > 1 && char.IsUpper(label[1])))
        {
            return label;
        }

        return char.ToLower(label[0], CultureInfo.CurrentCulture) + label[1..];
    }
}
