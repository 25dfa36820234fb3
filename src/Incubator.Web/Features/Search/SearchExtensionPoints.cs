using Incubator.Search;
using Incubator.Web.Features.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incubator.Web.Features.Search;

/// <summary>
/// Says which tracked entities a feature indexes: for an entity of type <typeparamref name="T"/>, the search document
/// type and item id to re-index when it is added, changed or deleted, or null to leave it alone.
/// </summary>
internal sealed class SearchTracked<T>(Func<T, (string Type, string ItemId)?> key) : ISearchTracked
    where T : class
{
    public (string Type, string ItemId)? KeyOf(object entity) => entity is T item ? key(item) : null;
}

/// <summary>See <see cref="SearchTracked{T}"/>.</summary>
internal interface ISearchTracked
{
    (string Type, string ItemId)? KeyOf(object entity);
}

/// <summary>The localisation keys of a document type's names, for a type that is not a content type.</summary>
internal sealed record SearchTypeName(string Type, string Singular, string Plural);

/// <summary>The names of the document types: content types name themselves, other types are registered by their feature.</summary>
internal sealed class SearchTypeNames(ContentTypeRegistry? contentTypes, IEnumerable<SearchTypeName> names)
{
    /// <summary>Names nothing; every type is shown by its code.</summary>
    public static readonly SearchTypeNames None = new(null, []);

    private readonly Dictionary<string, SearchTypeName> _names = names.ToDictionary(n => n.Type, StringComparer.Ordinal);

    public string Singular(string type) =>
        _names.TryGetValue(type, out var name) ? name.Singular : contentTypes?.Find(type)?.DisplayName ?? type;

    public string Plural(string type) =>
        _names.TryGetValue(type, out var name) ? name.Plural : contentTypes?.Find(type)?.PluralName ?? type;
}

/// <summary>
/// Writes an indexing outbox row for every item the registered <see cref="ISearchTracked"/> recognise among the
/// entities a save adds, changes or deletes, into that same save, so the row commits (or rolls back) with the change
/// itself and the index can never miss one. The indexer reads the item afresh, so a row too many (a draft saved)
/// costs a little work and nothing else.
/// </summary>
internal sealed class SearchOutboxInterceptor(IEnumerable<ISearchTracked> tracked) : SaveChangesInterceptor
{
    private readonly ISearchTracked[] _tracked = [.. tracked];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Queue(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Queue(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Queue(DbContext? context)
    {
        if (context is null || _tracked.Length == 0)
        {
            return;
        }

        var changed = new HashSet<(string Type, string Id)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            foreach (var source in _tracked)
            {
                if (source.KeyOf(entry.Entity) is { } key && key.ItemId.Length > 0)
                {
                    changed.Add(key);
                }
            }
        }

        var now = DateTime.UtcNow;
        foreach (var (type, id) in changed)
        {
            context.Add(new SearchOutboxEntry { Type = type, ItemId = id, CreatedUtc = now });
        }
    }
}

internal static class SearchRegistrations
{
    /// <summary>Adds a feature's search source: the documents it builds for its types.</summary>
    public static IServiceCollection AddSearchSource<T>(this IServiceCollection services)
        where T : class, ISearchSource => services.AddScoped<ISearchSource, T>();

    /// <summary>Re-indexes <paramref name="key"/>'s item whenever an entity of type <typeparamref name="T"/> is saved.</summary>
    public static IServiceCollection AddSearchTracking<T>(this IServiceCollection services, Func<T, (string Type, string ItemId)?> key)
        where T : class
    {
        services.AddSingleton<ISearchTracked>(new SearchTracked<T>(key));
        return services;
    }

    /// <summary>Names a document type that is not a content type (localisation keys).</summary>
    public static IServiceCollection AddSearchTypeName(this IServiceCollection services, string type, string singular, string plural)
    {
        services.AddSingleton(new SearchTypeName(type, singular, plural));
        return services;
    }

    /// <summary>The interceptor that writes the outbox rows; the DbContext takes every registered interceptor.</summary>
    internal static IServiceCollection AddSearchOutbox(this IServiceCollection services)
    {
        services.AddSingleton<IInterceptor, SearchOutboxInterceptor>();
        return services;
    }
}
