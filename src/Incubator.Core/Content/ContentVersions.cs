namespace Incubator.Core.Content;

/// <summary>
/// The rules of the draft / published version model, applied to all versions of one item.
/// Pure: callers load the versions, apply a rule, and save what changed.
/// </summary>
public static class ContentVersions
{
    /// <summary>The version editors change: the latest one, or a new draft copied from it when it is published.</summary>
    /// <returns>The editable version and whether it is new (and must be added to the store).</returns>
    public static (T Draft, bool IsNew) Edit<T>(IReadOnlyCollection<T> versions)
        where T : ContentItem
    {
        var latest = Latest(versions);
        if (!latest.Published)
        {
            return (latest, false);
        }

        var draft = (T)latest.CloneAsNewVersion();
        draft.Version = versions.Max(v => v.Version) + 1;
        latest.Latest = false;
        return (draft, true);
    }

    /// <summary>Publishes the latest version; the previously published version is retired but kept.</summary>
    /// <returns>false when the latest version was already published.</returns>
    public static bool Publish<T>(IReadOnlyCollection<T> versions, DateTime utcNow)
        where T : ContentItem
    {
        var latest = Latest(versions);
        if (latest.Published)
        {
            return false;
        }

        foreach (var v in versions.Where(v => v.Published))
        {
            v.Published = false;
        }

        latest.Published = true;
        latest.PublishedUtc = utcNow;
        return true;
    }

    /// <summary>Takes the item off the public site; its versions stay.</summary>
    /// <returns>false when nothing was published.</returns>
    public static bool Unpublish<T>(IReadOnlyCollection<T> versions)
        where T : ContentItem
    {
        EnsureNotDeleted(versions);
        var changed = false;
        foreach (var v in versions.Where(v => v.Published))
        {
            v.Published = false;
            changed = true;
        }

        return changed;
    }

    /// <summary>Deletes the item: unpublished and marked deleted, every version kept as history.</summary>
    public static void Delete<T>(IReadOnlyCollection<T> versions, DateTime utcNow)
        where T : ContentItem
    {
        EnsureNotDeleted(versions);
        foreach (var v in versions)
        {
            v.Published = false;
            v.DeletedUtc = utcNow;
        }
    }

    /// <summary>The latest version of a non-deleted item.</summary>
    public static T Latest<T>(IReadOnlyCollection<T> versions)
        where T : ContentItem
    {
        ArgumentNullException.ThrowIfNull(versions);
        EnsureNotDeleted(versions);
        return versions.SingleOrDefault(v => v.Latest)
            ?? throw new InvalidOperationException("A content item must have exactly one latest version.");
    }

    private static void EnsureNotDeleted<T>(IReadOnlyCollection<T> versions)
        where T : ContentItem
    {
        if (versions.Count == 0 || versions.Any(v => v.DeletedUtc is not null))
        {
            throw new ContentNotFoundException();
        }
    }
}
