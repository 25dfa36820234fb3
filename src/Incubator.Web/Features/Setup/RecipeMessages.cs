using Incubator.Recipes;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup;

/// <summary>
/// A refused recipe in the reader's language: the step, the field and the reason translated, the values the reason
/// names (codes, keys, paths) shown as the recipe wrote them. A reason with no translation (a JSON reader's own message)
/// stays English inside the translated frame.
/// </summary>
internal static class RecipeMessages
{
    public static string Describe(RecipeException error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        var format = error.Format ?? error.Reason ?? error.Message;

        // Without values the text is a key, not a format: a reader's message may hold braces of its own.
        var reason = error.Arguments.Count == 0 ? localizer[format].Value : localizer[format, [.. error.Arguments.Select(a => a ?? string.Empty)]].Value;
        return error.StepName is null
            ? reason
            : localizer["Step {0} ({1}), field {2}: {3}", error.StepNumber, error.StepName, error.Field ?? "$", reason].Value;
    }
}
