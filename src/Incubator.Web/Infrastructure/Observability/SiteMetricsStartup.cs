namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// Creates every feature's instruments when the site starts. A counter resolved only where it is first used would be
/// missing from the scrapes before that, and an observable gauge nobody resolves would never be read at all.
/// </summary>
internal sealed class SiteMetricsStartup(IServiceProvider services, IEnumerable<SiteMetricsRegistration> registrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations)
        {
            _ = services.GetRequiredService(registration.Type);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
