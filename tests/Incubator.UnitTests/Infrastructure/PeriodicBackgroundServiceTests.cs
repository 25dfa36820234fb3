using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Incubator.UnitTests.Infrastructure;

public sealed class PeriodicBackgroundServiceTests
{
    private sealed class Loop(TimeSpan interval, Func<int, Task> work, ILogger? logger = null) : PeriodicBackgroundService(logger ?? NullLogger.Instance)
    {
        private int _ticks;

        public int Ticks => Volatile.Read(ref _ticks);

        protected override TimeSpan Interval => interval;

        protected override Task TickAsync(CancellationToken cancellationToken) => work(Interlocked.Increment(ref _ticks));
    }

    private sealed class Recorder : ILogger
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, exception));
            }
        }
    }

    [Fact]
    public async Task Should_run_no_tick_and_end_at_once_when_the_interval_is_zero()
    {
        using var loop = new Loop(TimeSpan.Zero, _ => Task.CompletedTask);

        await loop.StartAsync(CancellationToken.None);

        Assert.NotNull(loop.ExecuteTask);
        await loop.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, loop.Ticks);
    }

    [Fact]
    public async Task Should_log_a_failing_tick_and_keep_ticking_when_the_work_throws()
    {
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new Recorder();
        using var loop = new Loop(TimeSpan.FromMilliseconds(10), tick => tick switch
        {
            1 => throw new InvalidOperationException("database blip"),
            3 => Task.FromResult(third.TrySetResult()),
            _ => Task.CompletedTask,
        }, logger);

        await loop.StartAsync(CancellationToken.None);
        await third.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await loop.StopAsync(CancellationToken.None);

        Assert.True(loop.ExecuteTask!.IsCompletedSuccessfully);
        lock (logger.Entries)
        {
            var (level, exception) = Assert.Single(logger.Entries, e => e.Exception is not null);
            Assert.Equal(LogLevel.Warning, level);
            Assert.Equal("database blip", exception!.Message);
        }
    }

    [Fact]
    public async Task Should_run_exactly_one_tick_with_its_exception_when_a_test_asks_for_one()
    {
        using var loop = new Loop(TimeSpan.Zero, tick => tick == 2 ? throw new InvalidOperationException("second") : Task.CompletedTask);

        await loop.RunOnceAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunOnceAsync());

        Assert.Equal("second", error.Message);
        Assert.Equal(2, loop.Ticks);
    }

    [Fact]
    public async Task Should_wait_for_the_running_tick_when_a_test_asks_for_one_meanwhile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var overlapped = false;
        using var loop = new Loop(TimeSpan.Zero, async tick =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (tick == 1)
            {
                await release.Task;
            }

            Interlocked.Decrement(ref running);
        });

        var first = loop.RunOnceAsync();
        var second = loop.RunOnceAsync();
        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(overlapped);
        Assert.Equal(2, loop.Ticks);
    }
}
