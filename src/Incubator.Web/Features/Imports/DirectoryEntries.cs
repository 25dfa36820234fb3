using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Imports;

/// <summary>A directory entry as imports look it up: by name (in the form duplicates compare) and by tax code.</summary>
internal sealed record DirectoryEntry(string Id, string Type, string Name, string NormalizedName, string? TaxCode);

/// <summary>Reads the directory's current entries (latest versions, not deleted) of every kind.</summary>
internal static class DirectoryEntries
{
    public static async Task<List<DirectoryEntry>> ReadAsync(IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var entries = new List<(string Id, string Type, string Title)>();
        foreach (var type in DirectoryContentTypes.All)
        {
            entries.AddRange((await type.Query(db).AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null)
                .Select(x => new { x.ContentItemId, x.Title }).ToListAsync(cancellationToken)).Select(x => (x.ContentItemId, type.Name, x.Title)));
        }

        var taxCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, code) in (await db.Set<Startup>().AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null && x.TaxCode != null)
                     .Select(x => new { x.ContentItemId, x.TaxCode }).ToListAsync(cancellationToken)).Select(s => (s.ContentItemId, s.TaxCode!)))
        {
            taxCodes[id] = code;
        }

        foreach (var (id, code) in (await db.Set<Enterprise>().AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null && x.TaxCode != null)
                     .Select(x => new { x.ContentItemId, x.TaxCode }).ToListAsync(cancellationToken)).Select(s => (s.ContentItemId, s.TaxCode!)))
        {
            taxCodes[id] = code;
        }

        return [.. entries.Select(e => new DirectoryEntry(e.Id, e.Type, e.Title, PersonText.NormalizeName(e.Title), taxCodes.GetValueOrDefault(e.Id)))];
    }
}
