using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// Traces, metrics and logs. Metrics of ASP.NET Core, HttpClient, the runtime and the product's own meter
/// (<see cref="SiteMeter"/>) are scraped from <c>/metrics</c> in Prometheus' text format; when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces (ASP.NET Core, HttpClient, EF Core), metrics and logs also go to
/// that OpenTelemetry collector. Logs are JSON on the console outside Development, each with the request's trace id.
/// </summary>
internal static class ObservabilityExtensions
{
    /// <summary>The environment variable (or setting) that names an OTLP collector; the OpenTelemetry SDK reads it too.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Registers a feature's instruments: <typeparamref name="T"/> creates them on <see cref="SiteMeter"/> in its
    /// constructor and is created when the site starts, so its gauges are read from the first scrape.
    /// </summary>
    internal static IServiceCollection AddSiteMetrics<T>(this IServiceCollection services)
        where T : class
    {
        services.TryAddSingleton<SiteMeter>();
        services.TryAddSingleton<T>();
        services.AddSingleton(new SiteMetricsRegistration(typeof(T)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiteMetricsStartup>());
        return services;
    }

    public static WebApplicationBuilder AddIncubatorObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => o.MinFreeDiskPercent is >= 0 and <= 100, "Health:MinFreeDiskPercent must be from 0 to 100.").ValidateOnStart();
        services.TryAddSingleton<SiteMeter>();

        // Every log line carries the trace and span of the request it was written in, so a line in the log and a trace
        // in the collector find each other.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("incubator", serviceVersion: typeof(ObservabilityExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(SiteMeter.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Each scrape collects afresh: the gauges that count rows keep their own short cache (CachedReading).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        // Without a collector, traces would have nowhere to go: they are recorded only when one is named. The trace id
        // in the logs does not need them (ASP.NET Core starts an activity per request for its logging scope).
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for administrators and the listed networks; anyone else gets the site's 404, so the endpoint is
    /// not advertised to the public.
    /// </summary>
    internal static IEndpointRouteBuilder MapIncubatorMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<MeterProvider>() is null)
        {
            // A host built without AddIncubatorObservability (a tool's throwaway host) has no exporter to serve.
            return endpoints;
        }

        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!await MonitoringAccess.AllowedAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }), optionsName: null);
        return endpoints;
    }

    /// <summary>
    /// <c>/health/live</c> answers as long as the process serves requests; <c>/health/ready</c> runs the checks tagged
    /// "ready" (the database, disk space, and those features add, such as the search index and the outboxes).
    /// </summary>
    internal static IEndpointRouteBuilder MapIncubatorHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = HealthReportWriter.WriteAsync });
        return endpoints;
    }
}
