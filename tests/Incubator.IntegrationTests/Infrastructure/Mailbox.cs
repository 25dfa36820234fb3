using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Reads the .eml files the outbox delivers into the site's pickup folder.</summary>
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
                    string text;
                    try
                    {
                        text = await File.ReadAllTextAsync(file);
                    }
                    catch (IOException)
                    {
                        continue; // still being written
                    }

                    if (Parse(text) is { } message && message.Headers.TryGetValue("to", out var recipient) && recipient.Contains(to, StringComparison.OrdinalIgnoreCase))
                    {
                        return message.Body;
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

    private static (Dictionary<string, string> Headers, string Body)? Parse(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in normalized[..split].Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        var raw = normalized[(split + 2)..];
        var charset = headers.TryGetValue("content-type", out var type) ? new ContentType(type).CharSet : null;
        var encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        var transfer = headers.GetValueOrDefault("content-transfer-encoding", "7bit").ToLowerInvariant();
        var body = transfer switch
        {
            "base64" => encoding.GetString(Convert.FromBase64String(string.Concat(raw.Split('\n').Select(l => l.Trim())))),
            "quoted-printable" => DecodeQuotedPrintable(raw, encoding),
            _ => raw,
        };
        return (headers, body);
    }

    private static string DecodeQuotedPrintable(string raw, Encoding encoding)
    {
        var bytes = new List<byte>();
        var text = raw.Replace("=\n", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(encoding.GetBytes(text[i].ToString()));
            }
        }

        return encoding.GetString([.. bytes]);
    }

    [GeneratedRegex("href=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();
}
