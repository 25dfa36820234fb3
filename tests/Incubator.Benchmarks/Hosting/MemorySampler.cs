using System.Diagnostics;

namespace Incubator.Benchmarks.Hosting;

/// <summary>
/// The benchmark process's resident memory (the site runs in it), sampled every 100 ms while a measurement runs:
/// its highest value is the site's RSS under load.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

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
            }
            while (await Tick(timer));
        });
    }

    /// <summary>The highest resident set seen so far, in MiB.</summary>
    public double PeakMiB => Interlocked.Read(ref _peak) / (1024.0 * 1024);

    public static MemorySampler Start() => new();

    /// <summary>The resident set now, in MiB.</summary>
    public static double CurrentMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

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
