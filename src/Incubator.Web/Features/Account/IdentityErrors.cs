using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

internal static class IdentityErrors
{
    /// <summary>Identity's error in the visitor's language: translated by its code, else Identity's own (English) text.</summary>
    public static string Describe(IdentityError error, IStringLocalizer localizer)
    {
        var translated = localizer[error.Code];
        return translated.ResourceNotFound || translated.Value == error.Code ? error.Description : translated.Value;
    }

    /// <summary>
    /// Identity's refusals next to the form's fields: a password rule beside <paramref name="passwordField"/>, an
    /// address's problem beside <paramref name="emailField"/>, anything else above the form.
    /// </summary>
    public static void AddTo(IEnumerable<IdentityError> errors, ModelStateDictionary modelState, IStringLocalizer localizer, string passwordField = "Password", string emailField = "Email")
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "InvalidEmail" or "DuplicateEmail" or "InvalidUserName" or "DuplicateUserName" => emailField,
                _ => string.Empty,
            };
            modelState.AddModelError(field, Describe(error, localizer));
        }
    }
}
