using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// The signed token of an unsubscribe link: a person and the mailing that reached them, protected with the site's
/// Data Protection keys (kept in the database, so every instance reads every other's links). A changed or made-up
/// token does not unprotect, and nothing is done with it.
/// </summary>
internal sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Incubator.Mailings.Unsubscribe.v1");

    public string Create(string personId, string mailingId) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes($"{personId}|{mailingId}")));

    /// <summary>The person and mailing the token names; null when it was not made by this site or was changed.</summary>
    public (string PersonId, string MailingId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('|');
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
