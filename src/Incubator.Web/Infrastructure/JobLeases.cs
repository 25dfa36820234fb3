using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Claims and releases a singleton job's lease (<see cref="JobLease"/>), the way the e-mail outbox claims its rows:
/// the row is read, then updated only where its concurrency token is still the one read, so of several instances
/// that read a free lease together exactly one takes it. A lease left by an instance that stopped lapses at its
/// end time, and the job can run again.
/// </summary>
internal static class JobLeases
{
    /// <summary>The job's lease row, or null before its first claim.</summary>
    public static Task<JobLease?> ReadAsync(IncubatorDbContext db, string name, CancellationToken cancellationToken) =>
        db.Set<JobLease>().AsNoTracking().SingleOrDefaultAsync(j => j.Name == name, cancellationToken);

    /// <summary>
    /// Takes the lease for <paramref name="owner"/> until <paramref name="now"/> plus <paramref name="lease"/> when
    /// nobody holds it and, with <paramref name="notRunSince"/>, the job has not ended a run since then; null otherwise.
    /// </summary>
    public static async Task<JobLease?> TryClaimAsync(
        IncubatorDbContext db, string name, string owner, DateTime now, TimeSpan lease, DateTime? notRunSince, CancellationToken cancellationToken)
    {
        // The row exists from the first claim on; instances creating it together leave one (both providers know ON CONFLICT).
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"JobLeases\" (\"Name\", \"Version\") VALUES ({name}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        var row = await ReadAsync(db, name, cancellationToken);
        if (row is null || row.LeasedUntilUtc > now || (notRunSince is { } since && row.LastRunUtc >= since))
        {
            return null;
        }

        var until = now + lease;
        var claimed = await db.Set<JobLease>().Where(j => j.Name == name && j.Version == row.Version).ExecuteUpdateAsync(
            u => u.SetProperty(j => j.Owner, owner).SetProperty(j => j.LeasedUntilUtc, until).SetProperty(j => j.Version, j => j.Version + 1),
            cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        row.Owner = owner;
        row.LeasedUntilUtc = until;
        row.Version++;
        return row;
    }

    /// <summary>
    /// Extends a held lease to <paramref name="until"/> if it is still <paramref name="claim"/>'s (a long job renews
    /// it as it goes, so the lease can be short and an instance that died frees the job soon); false when it lapsed
    /// and another instance took it.
    /// </summary>
    public static async Task<bool> RenewAsync(IncubatorDbContext db, JobLease claim, DateTime until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var renewed = await db.Set<JobLease>().Where(j => j.Name == claim.Name && j.Version == claim.Version).ExecuteUpdateAsync(
            u => u.SetProperty(j => j.LeasedUntilUtc, until).SetProperty(j => j.Version, j => j.Version + 1),
            cancellationToken);
        if (renewed != 1)
        {
            return false;
        }

        claim.LeasedUntilUtc = until;
        claim.Version++;
        return true;
    }

    /// <summary>
    /// Frees the lease and records the run's end and outcome, if the lease is still <paramref name="claim"/>'s; false
    /// when it lapsed and another instance took it meanwhile (that one now owns the record).
    /// </summary>
    public static async Task<bool> ReleaseAsync(IncubatorDbContext db, JobLease claim, DateTime finishedUtc, string? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var released = await db.Set<JobLease>().Where(j => j.Name == claim.Name && j.Version == claim.Version).ExecuteUpdateAsync(
            u => u.SetProperty(j => j.Owner, (string?)null).SetProperty(j => j.LeasedUntilUtc, (DateTime?)null)
                .SetProperty(j => j.LastRunUtc, finishedUtc).SetProperty(j => j.LastResult, result)
                .SetProperty(j => j.Version, j => j.Version + 1),
            cancellationToken);
        return released == 1;
    }
}
