using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Account;

/// <summary>
/// A signed-in person's language: the one they last chose with the site's language switch or on their account page,
/// in which the workflow's e-mails reach them (see Workflows' HostWorkflowEffects).
/// </summary>
internal sealed class UserLanguage(UserManager<User> users) : Infrastructure.ICultureChoice
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    /// <summary>The stored code for a choice: "en" for English, "vi" for anything else, the site's default.</summary>
    public static string Code(string? choice) => choice == English ? English : Vietnamese;

    public async Task ChosenAsync(HttpContext context, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(culture);
        if (context.User.Identity?.IsAuthenticated != true || await users.GetUserAsync(context.User) is not { } user)
        {
            return;
        }

        var code = Code(culture.TwoLetterISOLanguageName);
        if (user.Language != code)
        {
            // Set directly rather than through a manager method that renews the security stamp: a language is no
            // reason to sign the person out of their other browsers.
            user.Language = code;
            await users.UpdateAsync(user);
        }
    }
}
