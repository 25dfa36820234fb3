using System.Collections.Concurrent;
using System.Net;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in OpenTelemetry collector: an HTTP listener on a free local port that answers every OTLP/HTTP export
/// (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) with 200 and keeps each body, so a test can see what a
/// site sent over the wire without a collector installed. (Not a second Kestrel host: the test host's factory listens
/// for every host built in this process and would take that one for the site's.)
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private readonly ConcurrentQueue<(Func<string, byte[], bool> Match, TaskCompletionSource<byte[]> Found)> _waiting = new();

    private OtlpReceiver()
    {
        // HttpListener takes no port 0: a free port is found first, and taken at once.
        var port = SiteProcess.FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The base address to give a site as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Address { get; }

    public static OtlpReceiver Start() => new();

    /// <summary>
    /// The body of the first export to <paramref name="path"/> that <paramref name="match"/> accepts, received before or
    /// within <paramref name="within"/>; fails with the paths received when none comes.
    /// </summary>
    public async Task<byte[]> WaitForAsync(string path, Func<byte[], bool> match, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Accepts(string p, byte[] body) => p == path && match(body);
        _waiting.Enqueue((Accepts, found));

        // An export that came before the wait began counts too; one that comes meanwhile is offered to the wait above.
        foreach (var (p, body) in _exports)
        {
            if (Accepts(p, body))
            {
                found.TrySetResult(body);
            }
        }

        try
        {
            return await found.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching export to {path} within {within}; received: {string.Join(", ", _exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)"))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received(context.Request.Url?.AbsolutePath ?? string.Empty, body.ToArray());
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private void Received(string path, byte[] body)
    {
        _exports.Enqueue((path, body));
        foreach (var (match, found) in _waiting)
        {
            if (match(path, body))
            {
                found.TrySetResult(body);
            }
        }
    }
}
