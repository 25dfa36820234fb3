namespace Incubator.Web.Infrastructure;

/// <summary>
/// A background loop that does one piece of work every <see cref="Interval"/>: the e-mail outbox, the search indexer,
/// the workflow timers. A failing tick is logged and the next one retries, so one bad row or a database blip never
/// stops the loop for the life of the process; stopping the site ends the loop quietly. Ticks never overlap, whether
/// the loop or <see cref="RunOnceAsync"/> starts them, so a test can run one tick deterministically instead of
/// waiting for the loop.
/// </summary>
internal abstract class PeriodicBackgroundService(ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>How often the work runs, read once at start; zero or less turns the loop off.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One tick's work.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>Runs one tick now, after any tick already running; its exceptions reach the caller.</summary>
    public Task RunOnceAsync(CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async token => { await TickAsync(token); return true; }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> while no tick runs: for entry points that take their own arguments.</summary>
    protected async Task<T> ExclusiveAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called once the loop has ended (the site is stopping), e.g. to wait for work the ticks started.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero)
        {
            logger.LogInformation("{Service} is turned off (its interval is {Interval}).", GetType().Name, interval);
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "{Service} tick failed; the next tick retries.", GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site is stopping: not an error.
        }

        await StoppedAsync();
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
