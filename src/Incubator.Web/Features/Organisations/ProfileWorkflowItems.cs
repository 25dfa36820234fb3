using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// Directory profiles as workflow items: their title and pages, and the review status a workflow sets (publishing the
/// profile on "published"), applied to the organisations applicants own.
/// </summary>
internal sealed class ProfileWorkflowItems(IncubatorDbContext db, ContentTypeRegistry types, OrganisationAccess organisations, ContentManager content, LinkGenerator links)
    : IWorkflowItemHandler
{
    public const string Kind = "profile";

    string IWorkflowItemHandler.Kind => Kind;

    public async Task<IReadOnlyDictionary<string, WorkflowItem>> FindAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        var found = new Dictionary<string, WorkflowItem>(StringComparer.Ordinal);
        foreach (var type in types.Directory)
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
                found[row.ContentItemId] = new WorkflowItem(row.ContentItemId, row.Title, links.PathToPage("/Content/Admin/Edit", new { type = type.Route, id = row.ContentItemId }), row.OwnerId,
                    OrganisationAccess.Kinds.Contains(type) ? links.PathToPage("/Organisations/Edit", new { id = row.ContentItemId }) : null);
            }
        }

        return found;
    }

    /// <summary>Applies the review status with the user and comment of the action that led here.</summary>
    public async Task<bool> SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (await organisations.FindAsync(instance.CorrelationId) is not var (type, _))
        {
            return false;
        }

        // The service loads instances without their history, so these are this step's entries: the newest one with a
        // person is the action (or event) that led to this status.
        var cause = instance.History.LastOrDefault(h => h.By is not null);
        await content.ApplyReviewStatusAsync(type, instance.CorrelationId, status, cause?.By, cause?.Comment);
        return true;
    }
}

internal static class ProfileWorkflowRegistrations
{
    /// <summary>Profiles as workflow items, and their lifecycle as workflow events.</summary>
    public static IServiceCollection AddProfileWorkflows(this IServiceCollection services)
    {
        services.AddWorkflowItemHandler<ProfileWorkflowItems>();
        services.AddScoped<Core.Content.IContentHandler, ProfileWorkflowEvents>();
        return services;
    }
}
