using Incubator.Web.Features.Targets;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Targets.Admin;

/// <summary>/admin/targets: the same targets as the public page, whose records pages show staff every record.</summary>
internal sealed class IndexModel(TargetProgress progress) : PageModel
{
    public IReadOnlyList<IGrouping<string, TargetStatus>> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Plans = [.. (await progress.AllAsync(cancellationToken)).GroupBy(s => s.Target.Plan)];
}
