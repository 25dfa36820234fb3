using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Targets;

/// <summary>/targets: the province's plan targets, how far each has come and whether it is on track, for everyone.</summary>
internal sealed class IndexModel(TargetProgress progress) : PageModel
{
    public IReadOnlyList<IGrouping<string, TargetStatus>> Plans { get; private set; } = [];
    public TargetSummary Summary { get; private set; } = new(0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await progress.AllAsync(cancellationToken);
        Plans = [.. all.GroupBy(s => s.Target.Plan)];
        Summary = TargetSummary.Of(all);
    }
}
