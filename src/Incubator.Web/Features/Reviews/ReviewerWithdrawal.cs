using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Takes a reviewer off an application whose score sheet is not in yet when a conflict of interest comes to light:
/// staff record the expert's link to the applicant's organisation after assigning them, or the reviewer declares a
/// conflict. The assignment goes (and with it the reviewer's place among the workflow's assignees, so they can no
/// longer score), and staff get a notice to assign someone else, since the review waits for every assigned sheet.
/// Changes are tracked, not saved: the caller saves them with the change that revealed the conflict.
/// </summary>
internal sealed class ReviewerWithdrawal(IncubatorDbContext db, WorkflowService workflows, LinkGenerator links, TimeProvider clock)
{
    /// <summary>The notice staff get (see NotificationTemplates).</summary>
    public const string Template = "reviewer-withdrawn";

    private const int MaxTitleLength = 300;

    public async Task WithdrawAsync(Review review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        db.Reviews.Remove(review);
        await workflows.RemoveAssigneeAsync(review.ApplicationId, review.ReviewerId, cancellationToken);
        var title = await db.Applications.AsNoTracking().Where(a => a.Id == review.ApplicationId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken) ?? review.ApplicationId;
        var staff = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Staff)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var link = links.PathToPage("/Applications/Admin/Show", new { id = review.ApplicationId });
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in staff.Order(StringComparer.Ordinal))
        {
            db.Notifications.Add(new Notification
            {
                UserId = person, Template = Template, ItemId = review.ApplicationId, ItemTitle = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title, Link = link, CreatedUtc = now,
            });
        }
    }

    /// <summary>
    /// Withdraws the expert from every application of these organisations whose sheet they have not submitted; a
    /// submitted sheet stays, as the council already has it. Returns how many assignments went.
    /// </summary>
    public async Task<int> WithdrawLinkedAsync(string reviewerId, IReadOnlyCollection<string> organisationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        var wanted = organisationIds.ToList();
        var reviews = await db.Reviews
            .Where(r => r.ReviewerId == reviewerId && r.SubmittedUtc == null && db.Applications.Any(a => a.Id == r.ApplicationId && wanted.Contains(a.OrganisationId)))
            .ToListAsync(cancellationToken);
        foreach (var review in reviews)
        {
            await WithdrawAsync(review, cancellationToken);
        }

        return reviews.Count;
    }
}
