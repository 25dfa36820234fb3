using System.Security.Claims;

namespace Incubator.Web.Features.Media;

/// <summary>
/// A feature that shows stored images says who may see them: an image is served when one of these allows it, and
/// to anyone else it does not exist. Media itself knows no feature that keeps images.
/// </summary>
internal interface IMediaReadAccess
{
    Task<bool> MayReadAsync(string name, ClaimsPrincipal user, CancellationToken cancellationToken);
}
