using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pipeline;

/// <summary>A directory entry as the pipeline shows it: its latest version's name, kind, locality and sectors.</summary>
internal sealed record DirectoryEntry(string Id, string Kind, string Name, string? Locality, IReadOnlyList<string> Sectors);

/// <summary>Reads directory entries (startups, enterprises, mentors, organisations) by the content types that list them.</summary>
internal sealed class DirectoryEntries(IncubatorDbContext db, ContentTypeRegistry types)
{
    /// <summary>The kinds an organisation may be (the directory's content type names).</summary>
    public IReadOnlyList<string> Kinds => [.. types.Directory.Select(t => t.Name)];

    /// <summary>The entry of that id, its latest version, unless deleted.</summary>
    public async Task<DirectoryEntry?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 32)
        {
            return null;
        }

        foreach (var type in types.Directory)
        {
            var entry = await Latest(type).Where(x => x.ContentItemId == id)
                .Select(x => new { x.ContentItemId, x.Title, x.Locality, x.Sectors }).FirstOrDefaultAsync(cancellationToken);
            if (entry is not null)
            {
                return new DirectoryEntry(entry.ContentItemId, type.Name, entry.Title, entry.Locality, entry.Sectors);
            }
        }

        return null;
    }

    /// <summary>
    /// The latest, not deleted entries of each kind (of that kind only when given; none for a kind that is not one),
    /// as queries the board filters, counts and pages in the database.
    /// </summary>
    public IEnumerable<(string Kind, IQueryable<DirectoryProfile> Rows)> Sources(string? kind) =>
        types.Directory.Where(t => kind is null || t.Name == kind).Select(t => (t.Name, Latest(t)));

    private IQueryable<DirectoryProfile> Latest(ContentTypeDefinition type) =>
        type.Query(db).AsNoTracking().OfType<DirectoryProfile>().Where(x => x.Latest && x.DeletedUtc == null);
}
