using Incubator.Web.Features.Content;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// A profile's contact e-mail and phone reach the public (the profile page and the directory API) only when its owner
/// chose to publish them; the choice itself is not shown.
/// </summary>
internal static class DirectoryContact
{
    public const string PublishField = "PublishContact";

    private static readonly HashSet<string> ContactFields = new(["ContactEmail", "ContactPhone"], StringComparer.Ordinal);

    /// <summary>Whether the public may see <paramref name="field"/> of <paramref name="profile"/>.</summary>
    public static bool IsShown(ContentField field, DirectoryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(profile);
        if (!field.IsPublic)
        {
            return false;
        }

        if (field.IsCustom)
        {
            return true;
        }

        return field.Name != PublishField && (profile.PublishContact || !ContactFields.Contains(field.Name));
    }
}
