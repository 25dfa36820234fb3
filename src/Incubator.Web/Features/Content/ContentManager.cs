using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Content;

/// <summary>
/// Creates, edits, publishes, unpublishes and deletes content items of every type, following the version
/// rules of <see cref="ContentVersions"/> and raising lifecycle events around each change. Every method
/// saves its change, its events' side effects (audit, outbox rows) and nothing else, in one SaveChanges.
/// </summary>
internal sealed class ContentManager(IncubatorDbContext db, IEnumerable<IContentHandler> handlers, ContentTypeRegistry types, TimeProvider clock)
{
    public Task<ContentItem?> LatestAsync(ContentTypeDefinition type, string contentItemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Query(db).FirstOrDefaultAsync(x => x.ContentItemId == contentItemId && x.Latest && x.DeletedUtc == null, cancellationToken);
    }

    public Task<ContentItem?> PublishedAsync(ContentTypeDefinition type, string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && x.Published && x.DeletedUtc == null, cancellationToken);
    }

    /// <summary>Saves a new item as its first version, a draft unless <paramref name="publish"/>.</summary>
    public async Task<ContentItem> CreateAsync(ContentItem item, string? userId, bool publish = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var now = clock.GetUtcNow().UtcDateTime;
        item.ContentItemId = Guid.CreateVersion7().ToString("N");
        item.Version = 1;
        item.Latest = true;
        item.Published = false;
        item.CreatedUtc = item.ModifiedUtc = now;
        item.CreatedBy = item.ModifiedBy = userId;
        await EnsureSlugAsync(item, cancellationToken);
        await RaiseAsync(ContentAction.Created, ContentStage.Before, item, userId, null, cancellationToken);
        db.Add(item);
        await RaiseAsync(ContentAction.Created, ContentStage.After, item, userId, null, cancellationToken);
        if (publish)
        {
            await PublishVersionsAsync([item], userId, null, cancellationToken);
        }

        await SaveAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the item's draft: the latest version, or a new version copied from
    /// it when the latest is published, so the public keeps seeing the published version until the draft is.
    /// <paramref name="change"/> returns false to abandon the edit (for example on a validation error).
    /// </summary>
    public async Task<ContentItem?> UpdateAsync(ContentTypeDefinition type, string contentItemId, Func<ContentItem, bool> change, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var (draft, isNew) = ContentVersions.Edit(versions);
        if (!change(draft))
        {
            db.ChangeTracker.Clear();
            return null;
        }

        draft.ModifiedUtc = clock.GetUtcNow().UtcDateTime;
        draft.ModifiedBy = userId;
        await EnsureSlugAsync(draft, cancellationToken);
        await RaiseAsync(ContentAction.Updated, ContentStage.Before, draft, userId, null, cancellationToken);
        if (isNew)
        {
            db.Add(draft);
        }

        await RaiseAsync(ContentAction.Updated, ContentStage.After, draft, userId, null, cancellationToken);
        await SaveAsync(cancellationToken);
        return draft;
    }

    /// <summary>Publishes the latest version; returns false when it already was.</summary>
    public async Task<bool> PublishAsync(ContentTypeDefinition type, string contentItemId, string? userId, string? comment = null, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var changed = await PublishVersionsAsync(versions, userId, comment, cancellationToken);
        await SaveAsync(cancellationToken);
        return changed;
    }

    /// <summary>Takes the item off the public site; returns false when it was not published.</summary>
    public async Task<bool> UnpublishAsync(ContentTypeDefinition type, string contentItemId, string? userId, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var latest = ContentVersions.Latest(versions);
        await RaiseAsync(ContentAction.Unpublished, ContentStage.Before, latest, userId, null, cancellationToken);
        if (!ContentVersions.Unpublish(versions))
        {
            return false;
        }

        await RaiseAsync(ContentAction.Unpublished, ContentStage.After, latest, userId, null, cancellationToken);
        await SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes the item; every version stays in the database as history.</summary>
    public async Task DeleteAsync(ContentTypeDefinition type, string contentItemId, string? userId, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var latest = ContentVersions.Latest(versions);
        await RaiseAsync(ContentAction.Deleted, ContentStage.Before, latest, userId, null, cancellationToken);
        ContentVersions.Delete(versions, clock.GetUtcNow().UtcDateTime);
        await RaiseAsync(ContentAction.Deleted, ContentStage.After, latest, userId, null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>The owner asks staff to publish their profile.</summary>
    public async Task SubmitAsync(ContentTypeDefinition type, string contentItemId, string userId, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var latest = ContentVersions.Latest(versions);
        var reviewed = (IReviewedContent)latest;
        if (latest.Published)
        {
            throw new ContentRuleException("This profile is already published; change it first, then submit the changes.");
        }

        if (reviewed.ReviewState == ReviewState.Submitted)
        {
            throw new ContentRuleException("This profile is already waiting for review.");
        }

        await RaiseAsync(ContentAction.Submitted, ContentStage.Before, latest, userId, null, cancellationToken);
        reviewed.ReviewState = ReviewState.Submitted;
        reviewed.ReviewComment = null;
        reviewed.SubmittedUtc = clock.GetUtcNow().UtcDateTime;
        await RaiseAsync(ContentAction.Submitted, ContentStage.After, latest, userId, null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the review status a workflow set on a profile: "submitted", "returned" (with the staff comment),
    /// "published" (publishes the latest version) or "draft" (out of review). Does not save: the workflow service
    /// saves it in the same SaveChanges as the workflow step, so the profile and its workflow never disagree.
    /// </summary>
    public async Task ApplyReviewStatusAsync(ContentTypeDefinition type, string contentItemId, string status, string? userId, string? comment, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(type, contentItemId, cancellationToken);
        var latest = ContentVersions.Latest(versions);
        var reviewed = (IReviewedContent)latest;
        if (latest.DeletedUtc is not null)
        {
            throw new ContentRuleException("This profile was deleted.");
        }

        switch (status)
        {
            case ProfileReviewStatuses.Submitted:
                if (reviewed.ReviewState != ReviewState.Submitted)
                {
                    reviewed.ReviewState = ReviewState.Submitted;
                    reviewed.SubmittedUtc = clock.GetUtcNow().UtcDateTime;
                }

                reviewed.ReviewComment = null;
                break;
            case ProfileReviewStatuses.Returned:
                await RaiseAsync(ContentAction.Returned, ContentStage.Before, latest, userId, comment, cancellationToken);
                reviewed.ReviewState = ReviewState.Returned;
                reviewed.ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : VietnameseText.ToNfc(comment.Trim());
                await RaiseAsync(ContentAction.Returned, ContentStage.After, latest, userId, comment, cancellationToken);
                break;
            case ProfileReviewStatuses.Published:
                reviewed.ReviewState = ReviewState.None;
                reviewed.ReviewComment = null;
                await PublishVersionsAsync(versions, userId, comment, cancellationToken);
                break;
            case ProfileReviewStatuses.Draft:
                reviewed.ReviewState = ReviewState.None;
                break;
            default:
                throw new InvalidOperationException($"A profile has no status '{status}'; use submitted, returned, published or draft.");
        }
    }

    private async Task<bool> PublishVersionsAsync(IReadOnlyCollection<ContentItem> versions, string? userId, string? comment, CancellationToken cancellationToken)
    {
        var latest = ContentVersions.Latest(versions);
        if (latest.Published)
        {
            return false;
        }

        await RaiseAsync(ContentAction.Published, ContentStage.Before, latest, userId, comment, cancellationToken);
        ContentVersions.Publish(versions, clock.GetUtcNow().UtcDateTime);
        await RaiseAsync(ContentAction.Published, ContentStage.After, latest, userId, comment, cancellationToken);
        return true;
    }

    private async Task<List<ContentItem>> VersionsAsync(ContentTypeDefinition type, string contentItemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var versions = await type.Query(db).Where(x => x.ContentItemId == contentItemId).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw new ContentNotFoundException();
        }

        return versions;
    }

    /// <summary>Derives the slug from the title when none is given and makes it unique within the type.</summary>
    private async Task EnsureSlugAsync(ContentItem item, CancellationToken cancellationToken)
    {
        var wanted = Slug.From(string.IsNullOrWhiteSpace(item.Slug) ? item.Title : item.Slug);
        if (wanted.Length == 0)
        {
            wanted = item.ContentType;
        }

        var type = types.Of(item);
        foreach (var candidate in Slug.Candidates(wanted))
        {
            var taken = await type.Query(db).AnyAsync(
                x => x.Slug == candidate && x.ContentItemId != item.ContentItemId && x.DeletedUtc == null && (x.Latest || x.Published),
                cancellationToken);
            if (!taken)
            {
                item.Slug = candidate;
                return;
            }
        }
    }

    private async Task RaiseAsync(ContentAction action, ContentStage stage, ContentItem item, string? userId, string? comment, CancellationToken cancellationToken)
    {
        var contentEvent = new ContentEvent(action, stage, item, userId, comment);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(contentEvent, cancellationToken);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            throw new ContentConflictException("Someone else changed this item at the same time; reload it and try again.", ex);
        }
    }
}

/// <summary>A concurrent change won; nothing of this one was saved.</summary>
internal sealed class ContentConflictException(string message, Exception innerException) : Exception(message, innerException);
