using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// The directory's organisations a person may be linked to (startups, S&amp;T enterprises, mentors, organisations: any
/// directory type), by their content item id, with the name of their latest version and the back office's editor route.
/// </summary>
internal sealed class OrganisationNames(IncubatorDbContext db, ContentTypeRegistry types)
{
    /// <summary>Every organisation not deleted, by id; <paramref name="only"/> narrows to those ids.</summary>
    public async Task<Dictionary<string, OrganisationName>> ListAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, OrganisationName>(StringComparer.Ordinal);
        if (only is { Count: 0 })
        {
            return result;
        }

        foreach (var type in types.Directory)
        {
            var query = type.Query(db).AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null);
            if (only is not null)
            {
                query = query.Where(x => only.Contains(x.ContentItemId));
            }

            foreach (var item in await query.Select(x => new { x.ContentItemId, x.Title }).ToListAsync(cancellationToken))
            {
                result[item.ContentItemId] = new OrganisationName(item.ContentItemId, item.Title, type.Route);
            }
        }

        return result;
    }
}

/// <summary>An organisation as people's pages name it: its id, its name and its content type's route.</summary>
internal sealed record OrganisationName(string Id, string Title, string Route);
