using System.Diagnostics.Metrics;
using Incubator.Web.Infrastructure.Observability;

namespace Incubator.Web.Features.Setup;

/// <summary>Recipe runs (the first start's, the back office's, the API's and the command line's), by outcome.</summary>
internal sealed class RecipeMetrics(SiteMeter meter)
{
    private readonly Counter<long> _runs = meter.Meter.CreateCounter<long>("incubator.recipe.runs", description: "Recipes run, by outcome (succeeded or failed).");

    public void Ran(bool succeeded) => _runs.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}
