using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

internal sealed class IndexModel(IncubatorDbContext db, IStringLocalizer<WorkflowService> localizer) : PageModel
{
    /// <summary>Each type's name in the reader's language, by key.</summary>
    public Dictionary<string, string> Names { get; private set; } = [];

    /// <summary>The installed types, each with its versions from oldest to newest.</summary>
    public List<List<WorkflowTypeRecord>> Types { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowTypes.AsNoTracking()
            .Select(t => new WorkflowTypeRecord { Key = t.Key, Version = t.Version, Name = t.Name, StartEvent = t.StartEvent, Enabled = t.Enabled })
            .ToListAsync(cancellationToken);
        Names = await WorkflowNames.TypeNamesAsync(db, localizer, cancellationToken);
        Types = [.. rows.GroupBy(t => t.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.OrderBy(t => t.Version).ToList())];
    }
}
