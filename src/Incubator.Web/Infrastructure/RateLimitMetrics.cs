using System.Diagnostics.Metrics;
using Incubator.Web.Infrastructure.Observability;

namespace Incubator.Web.Infrastructure;

/// <summary>Requests the rate limiter refused, by policy: a rise is someone guessing passwords or scraping the search.</summary>
internal sealed class RateLimitMetrics(SiteMeter meter)
{
    private readonly Counter<long> _rejections = meter.Meter.CreateCounter<long>("incubator.rate_limit.rejections", description: "Requests refused with 429 by the rate limiter.");

    public void Rejected(string? policy) => _rejections.Add(1, new KeyValuePair<string, object?>("policy", policy ?? "global"));
}
