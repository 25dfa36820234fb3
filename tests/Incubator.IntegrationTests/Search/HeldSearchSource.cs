using Incubator.Search;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// A search source of one document ("held-test"/"h1", its title the current <see cref="Word"/>) whose loading a test
/// can hold, so that a rebuild stays running while the test looks at the site.
/// </summary>
internal sealed class HeldSearchSource : ISearchSource
{
    public const string Type = "held-test";
    public const string ItemId = "h1";

    private volatile SemaphoreSlim? _gate;

    public volatile string Word = "nothing";

    public IReadOnlyList<string> Types => [Type];

    /// <summary>Holds every load until the returned handle is disposed.</summary>
    public IDisposable Hold()
    {
        var gate = new SemaphoreSlim(0);
        _gate = gate;
        return new Release(this, gate);
    }

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        if (_gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
            gate.Release();
        }

        return [.. itemIds.Select(id => new SearchDocument { Type = Type, ItemId = id, Title = $"Giữ {Word}", Url = "/held/" + id, Public = true, UpdatedUtc = DateTime.UtcNow })];
    }

    public Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([ItemId]);

    private sealed class Release(HeldSearchSource source, SemaphoreSlim gate) : IDisposable
    {
        public void Dispose()
        {
            source._gate = null;
            gate.Release();
        }
    }
}
