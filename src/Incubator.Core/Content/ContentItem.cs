namespace Incubator.Core.Content;

/// <summary>
/// One version of a content item. Every version is its own row; the versions of one item share
/// <see cref="ContentItemId"/>. At most one version is <see cref="Latest"/> (what editors see) and at most
/// one is <see cref="Published"/> (what the public sees); they are the same row unless a draft is pending.
/// </summary>
public abstract class ContentItem
{
    /// <summary>The row id of this version.</summary>
    public long Id { get; set; }

    /// <summary>The stable id shared by all versions of the item.</summary>
    public string ContentItemId { get; set; } = string.Empty;

    /// <summary>1 for the first version, then increasing.</summary>
    public int Version { get; set; }

    /// <summary>Whether this is the newest version, the one editors work on.</summary>
    public bool Latest { get; set; }

    /// <summary>Whether this is the version the public sees.</summary>
    public bool Published { get; set; }

    /// <summary>The display name of the item.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>URL segment, unique per content type.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>The user who owns the item (an applicant for their organisation), if any.</summary>
    public string? OwnerId { get; set; }

    /// <summary>When the item was first created (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>Who created the item.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When this version was last changed (UTC).</summary>
    public DateTime ModifiedUtc { get; set; }

    /// <summary>Who last changed this version.</summary>
    public string? ModifiedBy { get; set; }

    /// <summary>When this version was published (UTC).</summary>
    public DateTime? PublishedUtc { get; set; }

    /// <summary>Set on every version when the item is deleted; deleted items keep their history.</summary>
    public DateTime? DeletedUtc { get; set; }

    /// <summary>The content type's name, e.g. "startup".</summary>
    public abstract string ContentType { get; }

    /// <summary>Copies this version into a new, unsaved version that editors can change freely.</summary>
    public ContentItem CloneAsNewVersion()
    {
        var clone = (ContentItem)MemberwiseClone();
        clone.Id = 0;
        clone.Latest = true;
        clone.Published = false;
        clone.PublishedUtc = null;
        CopyCollectionsInto(clone);
        return clone;
    }

    /// <summary>Gives <paramref name="clone"/> its own copies of any collection this type holds.</summary>
    protected virtual void CopyCollectionsInto(ContentItem clone)
    {
    }
}
