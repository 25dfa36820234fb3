using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// The secrets in a registrant's links. The ticket token (the ticket page, its QR image, cancelling) is the registration's
/// id protected with the site's Data Protection keys, which every instance shares; the confirmation token of an
/// anonymous visitor is random, and only its hash is stored.
/// </summary>
internal sealed class RegistrationTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Incubator.Events.Ticket.v1");

    public string Ticket(string registrationId) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes("ticket|" + registrationId)));

    /// <summary>Whether <paramref name="token"/> is this site's ticket token of <paramref name="registrationId"/>.</summary>
    public bool IsTicket(string? token, string registrationId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            return string.Equals(Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))), "ticket|" + registrationId, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A new confirmation secret and the hash to store.</summary>
    public static (string Token, string Hash) NewConfirmation()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="hash"/>, compared in constant time.</summary>
    public static bool Matches(string? token, string? hash) =>
        !string.IsNullOrEmpty(token) && token.Length <= 200 && !string.IsNullOrEmpty(hash)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(hash));

    /// <summary>A short code of <see cref="EventRegistration.CodeLength"/> characters people can read and type (no 0/O, 1/I).</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, EventRegistration.CodeLength);

    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
}
