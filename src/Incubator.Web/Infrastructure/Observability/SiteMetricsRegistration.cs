namespace Incubator.Web.Infrastructure.Observability;

/// <summary>One feature's class of instruments, created when the site starts (see <see cref="SiteMetricsStartup"/>).</summary>
internal sealed record SiteMetricsRegistration(Type Type);
