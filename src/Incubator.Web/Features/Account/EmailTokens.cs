using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Identity's tokens as they travel in e-mailed links: base64url over the token's UTF-8 bytes, so no character of
/// the token needs escaping in a URL. Every page that sends or reads such a link goes through here.
/// </summary>
internal static class EmailTokens
{
    /// <summary>The token as a link carries it.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token a link carried, or null when the text is not base64url (a mangled or forged link).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
