using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// A value read from the database for an observable gauge, kept for <see cref="MetricsOptions.ReadingCacheDuration"/>:
/// a scrape reads each backlog with one count query at most, and several scrapers (or a scraper and the readiness
/// check) within a few seconds share one. A failed read (the database away) reports nothing rather than a wrong zero.
/// </summary>
internal sealed class CachedReading<T>(TimeProvider clock, IOptions<MetricsOptions> options, Func<T> read)
{
    private readonly Lock _lock = new();
    private T? _value;
    private long _readAt;
    private bool _hasValue;

    public bool TryGet(out T value)
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            if (!_hasValue || clock.GetElapsedTime(_readAt, now) >= options.Value.ReadingCacheDuration)
            {
                try
                {
                    _value = read();
                    _readAt = now;
                    _hasValue = true;
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    _hasValue = false;
                }
            }

            value = _value!;
            return _hasValue;
        }
    }
}
