using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Imports;

/// <summary>
/// The imports folder for the sweep: no row ever points at a waiting file, so every file there is removed once it is
/// older than <c>Storage:OrphanAge</c> (an abandoned preview); an import in progress deletes its own file.
/// </summary>
internal sealed class ImportFiles(ImportStore store) : IStoredFileFolder
{
    public string Name => "imports";

    public string Folder => store.Folder;

    public bool IsStoredName(string fileName) => ImportStore.IsStoredName(fileName);

    public Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal));
}
