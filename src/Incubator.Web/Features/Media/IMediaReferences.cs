namespace Incubator.Web.Features.Media;

/// <summary>
/// A feature that keeps stored images in its rows says which images it still names, so the sweep of the media folder
/// (<see cref="MediaFiles"/>) removes only what no row of any feature points at.
/// </summary>
internal interface IMediaReferences
{
    /// <summary>Which of <paramref name="names"/> a row of this feature names, deleted rows included.</summary>
    Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
