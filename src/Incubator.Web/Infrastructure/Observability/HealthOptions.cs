namespace Incubator.Web.Infrastructure.Observability;

/// <summary>The <c>Health</c> settings: the thresholds the readiness checks and the operator's page judge by.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Below this share of free space, the readiness check calls it Unhealthy however low the warning is set: writes are about to fail.</summary>
    public const double UnhealthyFreeDiskPercent = 2;

    /// <summary>
    /// Free disk space, in percent of the disk, under which <c>/health/ready</c> reports the disk Degraded and
    /// <c>/admin/system</c> warns; 0 turns both off. From 0 to 100.
    /// </summary>
    public double MinFreeDiskPercent { get; set; } = 10;

    /// <summary>Whether <paramref name="freePercent"/> is under the warning's threshold.</summary>
    public bool IsLow(double freePercent) => freePercent < MinFreeDiskPercent;

    /// <summary>Whether <paramref name="freePercent"/> is under the threshold at which writes are about to fail (never above the warning's).</summary>
    public bool IsCritical(double freePercent) => freePercent < Math.Min(UnhealthyFreeDiskPercent, MinFreeDiskPercent);
}
