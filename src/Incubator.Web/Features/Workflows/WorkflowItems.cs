using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Workflows;

/// <summary>The item an instance concerns, as the back office and its owner link to it.</summary>
public sealed record WorkflowItem(string Id, string Title, string AdminUrl, string? OwnerId, string? OwnerUrl);

/// <summary>Finds the content items instances are correlated with, a page of them at a time.</summary>
public sealed class WorkflowItems(IncubatorDbContext db)
{
    public async Task<Dictionary<string, WorkflowItem>> FindAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, WorkflowItem>(StringComparer.Ordinal);
        var applications = await db.Applications.AsNoTracking().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.OwnerId }).ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            found[application.Id] = new WorkflowItem(application.Id, application.Title, $"/admin/applications/{application.Id}", application.OwnerId, $"/my/applications/{application.Id}");
        }

        foreach (var type in ContentTypes.All)
        {
            if (found.Count == wanted.Count)
            {
                break;
            }

            var rows = await type.Query(db).AsNoTracking()
                .Where(x => wanted.Contains(x.ContentItemId) && x.Latest)
                .Select(x => new { x.ContentItemId, x.Title, x.OwnerId })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[row.ContentItemId] = new WorkflowItem(row.ContentItemId, row.Title, $"/admin/content/{type.Route}/{row.ContentItemId}", row.OwnerId,
                    Organisations.OrganisationAccess.Kinds.Contains(type) ? $"/my/organisations/{row.ContentItemId}" : null);
            }
        }

        return found;
    }
}
