namespace Incubator.Web.Infrastructure;

/// <summary>
/// A singleton job's lease, one row per job (the scheduled backup...): the web instance that holds it
/// (<see cref="Owner"/> until <see cref="LeasedUntilUtc"/>), and how its last run ended. Every claim and release
/// checks and changes <see cref="Version"/>, so of several instances over one database only one runs the job.
/// </summary>
internal sealed class JobLease
{
    /// <summary>The job's name, e.g. "backup".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The instance that holds the lease; null while nobody runs the job.</summary>
    public string? Owner { get; set; }

    /// <summary>Until when the lease holds: an instance that stopped mid-run leaves it, and it lapses then.</summary>
    public DateTime? LeasedUntilUtc { get; set; }

    /// <summary>When the last run ended, successful or not.</summary>
    public DateTime? LastRunUtc { get; set; }

    /// <summary>The last run's outcome as the job words it (the backup keeps a small JSON document).</summary>
    public string? LastResult { get; set; }

    /// <summary>The concurrency token.</summary>
    public int Version { get; set; }
}
