using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Infrastructure.Caching;

/// <summary>
/// Small values read on nearly every page and seldom changed (taxonomies, the site's settings, the portal's pages),
/// kept in memory. Each value names the entity types it is read from; saving any entity of one of them through a
/// DbContext of this instance drops it (see <see cref="DataCacheInterceptor"/>), and every value is read again after
/// <see cref="MaxAge"/> at the latest, which bounds how long another instance's change, or a bulk update that bypasses
/// the change tracker, stays unseen here.
/// </summary>
internal sealed class DataCache(TimeProvider clock) : IPublicDataVersion
{
    /// <summary>How long a value is kept when nothing this instance saved dropped it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Type, long> _versions = new();
    private long _changes;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached value of <paramref name="key"/>, or what <paramref name="load"/> reads when it was dropped or is too old.</summary>
    public async Task<T> GetAsync<T>(string key, Type[] readFrom, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(readFrom);
        ArgumentNullException.ThrowIfNull(load);

        // The versions are taken before the read: a save during the read leaves the entry already outdated.
        var versions = Versions(readFrom);
        if (_entries.TryGetValue(key, out var entry) && entry.Value is T cached && Same(entry.Versions, versions) && clock.GetElapsedTime(entry.ReadAt) < MaxAge)
        {
            return cached;
        }

        var start = clock.GetTimestamp();
        var value = await load(cancellationToken);
        _entries[key] = new Entry(value, versions, start);
        return value;
    }

    /// <summary>How many changes this instance has saved (of any type): a rendered public page is kept under it.</summary>
    public long Version => Interlocked.Read(ref _changes);

    /// <summary>Drops every value read from <paramref name="type"/> (or a type it derives from).</summary>
    public void Changed(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Interlocked.Increment(ref _changes);
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            _versions.AddOrUpdate(t, 1, (_, v) => v + 1);
        }
    }

    private long[] Versions(Type[] types) => [.. types.Select(t => _versions.GetValueOrDefault(t))];

    private static bool Same(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);

    private sealed record Entry(object Value, long[] Versions, long ReadAt);
}

internal static class DataCacheRegistration
{
    /// <summary>Adds the cache and its interceptor once, whichever feature asks first.</summary>
    public static IServiceCollection AddDataCache(this IServiceCollection services)
    {
        services.TryAddSingleton<DataCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, DataCacheInterceptor>());
        return services;
    }
}
