using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// The attachments folder for the sweep: a file is kept while an <see cref="ApplicationAttachment"/> row, or a row of
/// another feature (<see cref="IAttachmentReferences"/>), names it.
/// </summary>
internal sealed class AttachmentFiles(AttachmentStore store, IEnumerable<IAttachmentReferences> references) : IStoredFileFolder
{
    public string Name => "attachments";

    public string Folder => store.Folder;

    public bool IsStoredName(string fileName) => AttachmentStore.IsStoredName(fileName);

    public async Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var list = names.ToList();
        var kept = (await db.ApplicationAttachments.Where(a => list.Contains(a.StoredName)).Select(a => a.StoredName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            kept.UnionWith(await reference.ReferencedAsync(services, list, cancellationToken));
        }

        return kept;
    }
}
