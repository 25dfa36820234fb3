namespace Incubator.Web.Infrastructure.Observability;

/// <summary>A queue's size and the time its oldest entry was written (null when it is empty).</summary>
internal readonly record struct Backlog(int Count, DateTime? OldestUtc)
{
    /// <summary>How long the oldest entry has waited at <paramref name="nowUtc"/>; zero for an empty queue.</summary>
    public TimeSpan OldestAge(DateTime nowUtc) => OldestUtc is { } oldest && nowUtc > oldest ? nowUtc - oldest : TimeSpan.Zero;
}
