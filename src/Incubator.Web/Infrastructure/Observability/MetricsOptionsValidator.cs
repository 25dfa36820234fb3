using System.Net;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure.Observability;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = options.AllowedNetworks.Select((network, index) => (network, index)).Where(n => !IPNetwork.TryParse(n.network, out _))
            .Select(n => $"Metrics:AllowedNetworks:{n.index}: '{n.network}' is not a network in CIDR notation (e.g. 10.0.0.0/24).").ToList();
        if (options.ReadingCacheDuration < TimeSpan.Zero || options.ReadingCacheDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add("Metrics:ReadingCacheDuration must be from 00:00:00 to 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
