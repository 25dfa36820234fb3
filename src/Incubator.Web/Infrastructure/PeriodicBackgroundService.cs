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

    /// <summary>Released by <see cref="Wake"/>: at most one early tick is owed, however many wakes came meanwhile.</summary>
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>How often the work runs, read once at start; zero or less turns the loop off.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One tick's work.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Asks the loop for a tick now rather than at the end of the interval (this instance has just written work for it,
    /// e.g. rows of the search outbox); wakes that come during a tick owe one more tick after it. Ticks still never
    /// overlap, and the loop still ticks every interval for the work other instances write.
    /// </summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another wake got there first: one early tick is owed either way.
        }
        catch (ObjectDisposedException)
        {
            // The site has stopped.
        }
    }

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
            while (true)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "{Service} tick failed; the next tick retries.", GetType().Name);
                }

                // The interval runs from the end of a tick (a slow tick is never followed at once by the next), or
                // ends early when woken.
                await _wake.WaitAsync(interval, stoppingToken);
            }
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
        _wake.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
