using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Targets;

/// <summary>The plan targets feature: targets, their indicators and the public progress pages.</summary>
internal static class TargetsModule
{
    private static readonly string[] CsvHeader = ["key", "plan", "title_vi", "title_en", "unit", "baseline", "target_min", "target_max", "deadline", "actual", "expected_now", "on_track", "status", "above_min"];

    /// <summary>The route name of the CSV export, which the targets pages link to (asp-route).</summary>
    public const string ExportRoute = "targets-export";

    public static IServiceCollection AddTargets(this IServiceCollection services)
    {
        services.AddScoped<TargetProgress>();
        services.AddScoped<ApplicationIndicatorSources>();
        services.AddScoped<IIndicatorSource, ApplicationsIndicatorSource>();
        services.AddScoped<IIndicatorSource, DecisionsIndicatorSource>();
        services.AddScoped<IIndicatorSource, OrganisationsIndicatorSource>();
        services.AddScoped<Recipes.IRecipeStep, TargetsStep>();
        services.AddNavigationProvider<TargetsNavigation>();
        return services;
    }

    /// <summary>GET /api/targets: every target with its current value; GET /targets/export.csv: the same as a spreadsheet. Both public.</summary>
    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/targets", async (TargetProgress progress, CancellationToken cancellationToken) =>
            TypedResults.Ok((await progress.AllAsync(cancellationToken)).Select(s => new TargetResponse(
                s.Target.Key, s.Target.Title, s.Target.Plan, s.Target.Unit, s.Target.Baseline, new TargetRange(s.Target.Min, s.Target.Max, s.Target.AboveMin),
                s.Actual, s.Target.DeadlineYear, s.OnTrack, s.StateName, s.Expected, s.ExpectedMax)).ToList())).WithTags("Targets");
        endpoints.MapGet("/targets/export.csv", async (TargetProgress progress, CancellationToken cancellationToken) =>
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            var rows = new List<IEnumerable<string?>> { CsvHeader };
            rows.AddRange((await progress.AllAsync(cancellationToken)).Select(s => new[]
            {
                s.Target.Key, s.Target.Plan, s.Target.TitleVi, s.Target.TitleEn, s.Target.UnitVi, Plain(s.Target.Baseline),
                Plain(s.Target.Min), Plain(s.Target.Max), s.Target.DeadlineYear.ToString(invariant),
                s.Actual is { } actual ? Plain(actual) : null, Plain(s.Expected), s.OnTrack switch { true => "yes", false => "no", null => string.Empty },
                s.StateName, s.Target.AboveMin ? "yes" : "no",
            }));
            return TypedResults.File(Shared.Csv.Write(rows), "text/csv; charset=utf-8", "targets.csv");
        }).WithTags("Targets").WithMetadata(new RouteNameMetadata(ExportRoute));
        return endpoints;
    }

    /// <summary>A number for a spreadsheet: a dot for decimals, no thousands separators, no trailing zeros.</summary>
    private static string Plain(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A target over JSON. <c>status</c> is met, on-track, behind or unknown; <c>onTrack</c> is true for the first two;
    /// <c>expected</c> and <c>expectedMax</c> are what the low and the high end of the range expect by now.
    /// </summary>
    public sealed record TargetResponse(
        string Key, LocalizedText Title, string Plan, LocalizedText Unit, decimal Baseline, TargetRange Target, decimal? Actual, int Deadline, bool? OnTrack,
        string Status, decimal Expected, decimal ExpectedMax);
}
