using System.Text.RegularExpressions;
using MimeKit;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Reads the .eml files the outbox delivers into the site's pickup folder (each written whole, under its final name).</summary>
public static partial class Mailbox
{
    /// <summary>Waits (the delivery service ticks every 2 s) for a message to <paramref name="to"/> and returns its decoded body.</summary>
    public static async Task<string> WaitForAsync(string folder, string to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (System.IO.Directory.Exists(folder))
            {
                foreach (var file in System.IO.Directory.GetFiles(folder, "*.eml"))
                {
                    using var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                    {
                        return message.HtmlBody ?? message.TextBody ?? string.Empty;
                    }
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail to {to} arrived in {folder} within {timeout.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>The first link in an HTML body whose address contains <paramref name="path"/>.</summary>
    public static Uri Link(string htmlBody, string path)
    {
        var match = HrefPattern().Matches(htmlBody).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).FirstOrDefault(h => h.Contains(path, StringComparison.Ordinal));
        return new Uri(match ?? throw new InvalidOperationException($"No link to {path} in: {htmlBody}"));
    }

    [GeneratedRegex("href=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();
}
