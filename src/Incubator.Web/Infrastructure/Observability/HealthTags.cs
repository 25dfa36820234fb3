namespace Incubator.Web.Infrastructure.Observability;

/// <summary>The tags a feature puts on its health check: "ready" checks answer <c>/health/ready</c>.</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
