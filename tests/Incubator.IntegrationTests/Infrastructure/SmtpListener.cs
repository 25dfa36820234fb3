using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// A tiny SMTP server on a loopback port, speaking just enough of the protocol (EHLO, AUTH PLAIN, MAIL, RCPT, DATA,
/// QUIT) for a real client to hand it messages, which it keeps as received (raw MIME) with the credentials used.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each message received: the AUTH PLAIN user and password ("" when none), and the message as sent.</summary>
    public ConcurrentQueue<(string User, string Password, byte[] Data)> Messages { get; } = new();

    /// <summary>
    /// The settings of a site that delivers to this server (plain SMTP on loopback) with its delivery loop off, so the
    /// test runs each tick itself; <paramref name="more"/> is added over them.
    /// </summary>
    public Dictionary<string, string?> SiteSettings(IReadOnlyDictionary<string, string?>? more = null) => DeliveryTo(Port, more);

    /// <summary>
    /// The same settings for an SMTP server that cannot be reached: a loopback port that was listened on a moment ago
    /// and is closed now, so the connection is refused at once.
    /// </summary>
    public static async Task<Dictionary<string, string?>> UnreachableSiteSettingsAsync(IReadOnlyDictionary<string, string?>? more = null)
    {
        int closed;
        await using (var gone = new SmtpListener())
        {
            closed = gone.Port;
        }

        return DeliveryTo(closed, more);
    }

    private static Dictionary<string, string?> DeliveryTo(int port, IReadOnlyDictionary<string, string?>? more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:UseStartTls"] = "false",
            ["Email:DeliveryInterval"] = "00:00:00",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            var (user, password) = (string.Empty, string.Empty);
            await writer.WriteLineAsync("220 localhost test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var command = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 AUTH PLAIN");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var initial = parts.Length > 2 ? parts[2] : null;
                        if (initial is null)
                        {
                            await writer.WriteLineAsync("334 ");
                            initial = await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
                        }

                        var plain = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
                        (user, password) = (plain[1], plain[2]);
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Messages.Enqueue((user, password, Encoding.Latin1.GetBytes(data.ToString())));
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default: // MAIL, RCPT, RSET, NOOP
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a session cut short by the stop
        }

        _stop.Dispose();
    }
}
