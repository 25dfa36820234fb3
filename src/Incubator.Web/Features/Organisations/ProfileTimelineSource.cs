using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// A directory entry's profile on its timeline, from the content audit: each version saved, its submission, its
/// publication, a return to the owner with the moderator's comment, and its removal from the public site. The owner
/// sees their own profile's history; staff see every entry's.
/// </summary>
internal sealed class ProfileTimelineSource(IncubatorDbContext db, TimelineNames names, LinkGenerator links, IStringLocalizer<ProfileTimelineSource> localizer)
    : ITimelineSource
{
    public const string Kind = "profile";

    private static readonly string[] DirectoryTypes = [.. DirectoryContentTypes.All.Select(t => t.Name)];

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Organisation profile")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !window.Wants(Kind) || !(viewer.IsStaff || viewer.IsOwner))
        {
            return [];
        }

        // The audit's index leads with the content type: naming the directory's types lets the query use it.
        var query = db.AuditEntries.AsNoTracking().Where(a => DirectoryTypes.Contains(a.ContentType) && a.ContentItemId == subject.Id);
        if (window.BeforeUtc is { } before)
        {
            query = query.Where(a => a.AtUtc < before);
        }

        var rows = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(window.Limit).ToListAsync(cancellationToken);
        var who = await names.ForAsync(rows.Select(r => r.UserId), cancellationToken);
        var url = rows.Count == 0 ? null : Url(rows[0].ContentType, subject.Id, viewer);
        return [.. rows.Select(r => new TimelineEntry(r.AtUtc, Kind, Title(r.Action, r.Version), r.UserId is null ? null : who.GetValueOrDefault(r.UserId), url)
        {
            Detail = r.Action == ContentAction.Returned ? r.Comment : null,
        })];
    }

    private string Title(ContentAction action, int version) => action switch
    {
        ContentAction.Created => localizer["Profile created"],
        ContentAction.Updated => localizer["Profile version {0} saved", version],
        ContentAction.Published => localizer["Profile version {0} published", version],
        ContentAction.Unpublished => localizer["Profile taken off the public site"],
        ContentAction.Deleted => localizer["Profile deleted"],
        ContentAction.Submitted => localizer["Profile submitted for review"],
        ContentAction.Returned => localizer["Profile returned to its owner"],
        _ => localizer["Profile changed"],
    };

    /// <summary>Staff open the back-office editor; the owner their own form (which exists for the kinds owners keep).</summary>
    private string? Url(string contentType, string id, TimelineViewer viewer)
    {
        if (viewer.IsStaff)
        {
            var type = DirectoryContentTypes.All.First(t => t.Name == contentType);
            return links.GetPathByPage("/Content/Admin/Edit", values: new { type = type.Route, id });
        }

        return OrganisationAccess.Kinds.Any(t => t.Name == contentType) ? links.GetPathByPage("/Organisations/Edit", values: new { id }) : null;
    }
}
