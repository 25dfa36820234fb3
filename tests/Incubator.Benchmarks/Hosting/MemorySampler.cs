using System.Diagnostics;
using System.Globalization;

namespace Incubator.Benchmarks.Hosting;

/// <summary>
/// The benchmark process's resident memory (the site runs in it), sampled every 100 ms while a measurement runs:
/// its highest value is the site's RSS under load. On Linux the resident set is also split as the kernel counts it:
/// anonymous memory (the managed heaps, the runtime, native allocations) and file pages mapped into the process (the
/// search index Lucene maps, the runtime's own files), which the kernel may drop and read again at any time.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;
    private long _peakAnon;
    private long _peakFile;

    private MemorySampler()
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                if (ReadStatus() is { } split)
                {
                    _peakAnon = Math.Max(_peakAnon, split.Anon);
                    _peakFile = Math.Max(_peakFile, split.File);
                }
            }
            while (await Tick(timer));
        });
    }

    /// <summary>The highest resident set seen so far, with its highest anonymous and file-mapped parts, in MiB.</summary>
    public MemoryPeak Peak => new(Interlocked.Read(ref _peak) / Mib, Interlocked.Read(ref _peakAnon) / Mib, Interlocked.Read(ref _peakFile) / Mib);

    private const double Mib = 1024.0 * 1024;

    public static MemorySampler Start() => new();

    /// <summary>The resident set now, in MiB.</summary>
    public static double CurrentMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / Mib;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    /// <summary>RssAnon and RssFile of /proc/self/status in bytes; null where there is no such file.</summary>
    private static (long Anon, long File)? ReadStatus()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        long anon = 0, file = 0;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line) * 1024;
            }
        }

        return (anon, file);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>The highest resident set, and the highest of its anonymous and file-mapped parts (not necessarily at the same moment), in MiB.</summary>
internal readonly record struct MemoryPeak(double TotalMiB, double AnonMiB, double FileMiB)
{
    public override string ToString() => AnonMiB > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{TotalMiB:F0} MiB (anonymous {AnonMiB:F0}, mapped files {FileMiB:F0})")
        : string.Create(CultureInfo.InvariantCulture, $"{TotalMiB:F0} MiB");
}
