using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The fixed forms (sign-in, registration, users, records, calendar) declare their rules with DataAnnotations on the
/// bound properties and draw their fields with the <c>asp-for</c> tag helpers. Every message comes from the site's
/// localiser: an attribute's <c>ErrorMessage</c> is an English key of vi.json whose placeholders the attribute fills
/// ({0} the field's name, {1} and {2} its limits, e.g. "At most {1} characters.").
/// </summary>
internal static class FormValidation
{
    public static IMvcBuilder AddIncubatorFormValidation(this IMvcBuilder mvc)
    {
        ArgumentNullException.ThrowIfNull(mvc);

        // The one JSON localiser translates the attributes' keys, whatever model they sit on.
        mvc.AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(JsonStringLocalizerFactory)));
        mvc.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();
        mvc.Services.Configure<MvcViewOptions>(o =>
        {
            // The server checks and answers every form; without client-side validation scripts, the tag helpers draw
            // a message or summary only when there is something to say, instead of empty placeholders.
            o.HtmlHelperOptions.ClientValidationEnabled = false;
        });
        return mvc;
    }

    /// <summary>Whether a field of the form was refused, as opposed to the form as a whole (the entry keyed "").</summary>
    public static bool HasFieldErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.Any(e => e.Key.Length > 0 && e.Value?.Errors.Count > 0);
    }
}
