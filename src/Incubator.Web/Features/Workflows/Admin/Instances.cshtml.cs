using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

/// <summary>Workflow instances, newest first, filtered by type, status and item.</summary>
internal sealed class InstancesModel(IncubatorDbContext db, WorkflowService workflows, WorkflowItems items, IStringLocalizer<WorkflowService> localizer) : PageModel
{
    private const int PageSize = 50;

    public List<WorkflowInstanceRecord> Instances { get; private set; } = [];
    public Dictionary<string, WorkflowItem> Items { get; private set; } = [];
    public List<string> TypeKeys { get; private set; } = [];

    /// <summary>Each type's name in the reader's language, by key.</summary>
    public Dictionary<string, string> TypeNames { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? TypeKey { get; private set; }
    public WorkflowStatus? Status { get; private set; }
    public string? Item { get; private set; }

    public async Task OnGetAsync(string? type, string? status, string? item, int? p, CancellationToken cancellationToken)
    {
        TypeNames = await WorkflowNames.TypeNamesAsync(db, localizer, cancellationToken);
        TypeKeys = [.. TypeNames.Keys.Order(StringComparer.Ordinal)];
        TypeKey = TypeKeys.Contains(type ?? string.Empty, StringComparer.Ordinal) ? type : null;

        // An unknown status in the address filters nothing rather than failing.
        Status = Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        Item = string.IsNullOrWhiteSpace(item) ? null : item.Trim();
        PageNumber = Math.Max(1, p ?? 1);
        (Instances, Total) = await workflows.ListAsync(new WorkflowInstanceFilter(TypeKey, Status, Item, PageNumber, PageSize), cancellationToken);
        Items = await items.FindAsync(Instances.Select(i => i.CorrelationId), cancellationToken);
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["type"] = TypeKey, ["status"] = Status?.ToString().ToLowerInvariant(), ["item"] = Item, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(kv => kv.Value is not null)).ToUriComponent();
}
