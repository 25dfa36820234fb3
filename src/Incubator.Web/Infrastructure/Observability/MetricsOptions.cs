using System.Net;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>The <c>Metrics</c> settings: who may read <c>/metrics</c> and the readiness details besides administrators.</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Networks in CIDR notation (e.g. 10.0.0.0/24) whose clients may read <c>/metrics</c> and the details of
    /// <c>/health/ready</c> without signing in: the monitoring server's. Checked against the client's address after the
    /// forwarded headers of a listed proxy.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>How long a backlog count read for a gauge is reused before the database is asked again.</summary>
    public TimeSpan ReadingCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<IPNetwork> Networks() => AllowedNetworks.Select(n => IPNetwork.TryParse(n, out var network) ? network : (IPNetwork?)null).OfType<IPNetwork>();
}
