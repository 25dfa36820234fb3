using System.Reflection;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// This web instance: an id made when it starts (the machine, the process and a random part, so two sites in one
/// process, as in the tests, differ), its start time and the product's version. Jobs that run on one instance at a
/// time name their lease's owner with it, and the heartbeats name the instance with it.
/// </summary>
internal sealed class SiteInstance(TimeProvider clock)
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public string Machine { get; } = Environment.MachineName;

    public int ProcessId { get; } = Environment.ProcessId;

    public DateTime StartedUtc { get; } = clock.GetUtcNow().UtcDateTime;

    /// <summary>The product's version as its build stamped it (the informational version, with the commit when known).</summary>
    public static string ProductVersion =>
        typeof(SiteInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SiteInstance).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
