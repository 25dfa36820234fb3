namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Real time, or a fixed instant while a test holds <see cref="FreezeAt"/>'s result.</summary>
public sealed class TravelClock : TimeProvider
{
    private DateTime? _frozen;

    public override DateTimeOffset GetUtcNow() => _frozen is { } frozen ? new DateTimeOffset(frozen) : System.GetUtcNow();

    /// <summary>Stops the clock at <paramref name="utc"/> until the returned handle is disposed.</summary>
    public IDisposable FreezeAt(DateTime utc)
    {
        _frozen = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new Thaw(this);
    }

    private sealed class Thaw(TravelClock clock) : IDisposable
    {
        public void Dispose() => clock._frozen = null;
    }
}
