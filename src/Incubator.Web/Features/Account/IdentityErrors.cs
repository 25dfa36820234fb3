using Microsoft.AspNetCore.Identity;
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
}
