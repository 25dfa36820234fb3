namespace Incubator.Core.Time;

/// <summary>The current instant, in UTC; replaced in tests that need a fixed time.</summary>
public interface IClock
{
    /// <summary>Now, as a UTC <see cref="DateTime"/>.</summary>
    DateTime UtcNow { get; }
}

/// <summary>The system clock.</summary>
public sealed class SystemClock : IClock
{
    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;
}
