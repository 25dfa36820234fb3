using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Media;

/// <summary>
/// The media folder for the sweep: an image is kept while any version of a directory profile names it, deleted
/// versions included (erasing personal data removes those images itself).
/// </summary>
internal sealed class MediaFiles(MediaStore store) : IStoredFileFolder
{
    public string Name => "media";

    public string Folder => store.Folder;

    public bool IsStoredName(string fileName) => MediaStore.IsStoredName(fileName);

    public async Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var types = services.GetRequiredService<ContentTypeRegistry>();
        var list = names.ToList();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.Directory)
        {
            referenced.UnionWith(await type.Query(db).OfType<DirectoryProfile>().Where(x => x.Logo != null && list.Contains(x.Logo)).Select(x => x.Logo!).ToListAsync(cancellationToken));
        }

        return referenced;
    }
}
