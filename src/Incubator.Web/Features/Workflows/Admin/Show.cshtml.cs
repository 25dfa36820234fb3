using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

/// <summary>One version of a workflow type, drawn as a diagram.</summary>
internal sealed class ShowModel(IncubatorDbContext db, IStringLocalizer<WorkflowService> localizer) : PageModel
{
    public WorkflowType Type { get; private set; } = null!;
    public WorkflowNames Names { get; private set; } = null!;
    public string Svg { get; private set; } = string.Empty;
    public List<int> OtherVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, int version, CancellationToken cancellationToken)
    {
        var record = await db.WorkflowTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key && t.Version == version, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        Type = record.ToWorkflowType();
        Names = await WorkflowNames.ForAsync(db, Type, localizer, cancellationToken);
        Svg = WorkflowDiagram.Render(Type, Names, localizer);
        OtherVersions = await db.WorkflowTypes.Where(t => t.Key == key && t.Version != version).OrderBy(t => t.Version).Select(t => t.Version).ToListAsync(cancellationToken);
        return Page();
    }
}
