using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// The attachments of interactions: the site's safe attachment store (type decided by content, size counted while
/// copying, generated names outside the web root) in its own sub-folder "interactions" of <c>Attachments:Folder</c>,
/// so the applications' sweep, which looks only at its own folder's files, never takes them for orphans.
/// </summary>
internal sealed class InteractionAttachments(IOptions<AttachmentOptions> options, IHostEnvironment environment)
{
    public AttachmentStore Store { get; } = new(
        Options.Create(new AttachmentOptions { Folder = Path.Combine(options.Value.FullFolder(environment), "interactions"), MaxBytes = options.Value.MaxBytes }),
        environment);
}

/// <summary>The interactions' attachment folder for the sweep: a file is kept while an <see cref="InteractionAttachment"/> row names it.</summary>
internal sealed class InteractionAttachmentFiles(InteractionAttachments attachments) : IStoredFileFolder
{
    public string Name => "interaction-attachments";

    public string Folder => attachments.Store.Folder;

    public bool IsStoredName(string fileName) => AttachmentStore.IsStoredName(fileName);

    public async Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var list = names.ToList();
        return (await db.Set<InteractionAttachment>().Where(a => list.Contains(a.StoredName)).Select(a => a.StoredName).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
    }
}
