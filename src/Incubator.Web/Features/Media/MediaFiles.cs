using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Media;

/// <summary>The media folder for the sweep: an image is kept while a feature's row names it (<see cref="IMediaReferences"/>).</summary>
internal sealed class MediaFiles(MediaStore store) : IStoredFileFolder
{
    public string Name => "media";

    public string Folder => store.Folder;

    public bool IsStoredName(string fileName) => MediaStore.IsStoredName(fileName);

    public async Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in services.GetServices<IMediaReferences>())
        {
            referenced.UnionWith(await holder.ReferencedAsync(names, cancellationToken));
        }

        return referenced;
    }
}
