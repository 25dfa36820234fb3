using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Media;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Organisations;

/// <summary>The organisation profiles a person owns: every version in their download; on deletion, kept or removed.</summary>
internal sealed class OrganisationPersonalData(
    IncubatorDbContext db,
    WorkflowService workflows,
    MediaStore media,
    IEnumerable<IOrganisationReferences> references) : IPersonalDataSource
{
    public string Name => "organisations";

    /// <summary>Every version of every organisation profile the person owns, with all its fields.</summary>
    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        var result = new JsonArray();
        foreach (var type in OrganisationAccess.Kinds)
        {
            var owned = type.Query(db).Where(x => x.OwnerId == user.Id).Select(x => x.ContentItemId).Distinct();
            var versions = await type.Query(db).AsNoTracking().Where(x => owned.Contains(x.ContentItemId))
                .OrderBy(x => x.ContentItemId).ThenBy(x => x.Version).ToListAsync(cancellationToken);
            foreach (var item in versions.GroupBy(v => v.ContentItemId))
            {
                result.Add(new JsonObject
                {
                    ["id"] = item.Key,
                    ["kind"] = type.Name,
                    ["versions"] = new JsonArray([.. item.Select(v => PersonalDataExport.Serialize(v, v.GetType()))]),
                });
            }
        }

        return result;
    }

    /// <summary>
    /// A profile never published and named by no record is the person's alone and goes, with its logo and workflow;
    /// any other stays in the directory and in the records behind decisions, and the person leaves it.
    /// </summary>
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        foreach (var type in OrganisationAccess.Kinds)
        {
            var owned = await type.Query(db).Where(x => x.OwnerId == erasure.User.Id).Select(x => x.ContentItemId).Distinct().ToListAsync(cancellationToken);
            foreach (var id in owned)
            {
                var versions = await type.Query(db).OfType<DirectoryProfile>().Where(x => x.ContentItemId == id).ToListAsync(cancellationToken);
                var everPublished = versions.Exists(v => v.Published || v.PublishedUtc != null);
                if (!everPublished && !await IsReferencedAsync(id, cancellationToken))
                {
                    var logos = versions.Select(v => v.Logo).ToList();
                    erasure.AfterCommit(() => media.Delete(logos));
                    await workflows.CancelUnfinishedAsync(id, erasure.ActorId, cancellationToken);
                    db.AuditEntries.RemoveRange(await db.AuditEntries.Where(a => a.ContentItemId == id).ToListAsync(cancellationToken));
                    db.RemoveRange(versions);
                    continue;
                }

                foreach (var version in versions)
                {
                    version.OwnerId = null;
                    if (erasure.IsAddress(version.ContactEmail))
                    {
                        version.ContactEmail = AccountEraser.Anonymised;
                    }

                    if (erasure.IsPhone(version.ContactPhone))
                    {
                        version.ContactPhone = AccountEraser.Anonymised;
                    }
                }
            }
        }
    }

    private async Task<bool> IsReferencedAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var reference in references)
        {
            if (await reference.IsReferencedAsync(id, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
