using System.Diagnostics.Metrics;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// The product's own meter, "Incubator". Features create their instruments on it in a class of their own, registered
/// with <see cref="ObservabilityExtensions.AddSiteMetrics{T}"/>, so no list here knows which features measure what.
/// </summary>
internal sealed class SiteMeter(IMeterFactory factory)
{
    public const string Name = "Incubator";

    public Meter Meter { get; } = factory.Create(Name);
}
