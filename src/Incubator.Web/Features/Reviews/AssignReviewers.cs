using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>A reviewer of an application as staff see them.</summary>
internal sealed record AssignedReviewer(string ReviewerId, string Email, bool NoConflictDeclared, bool Submitted);

/// <summary>How an assignment ended: the application's reviewers afterwards, or why nothing was assigned.</summary>
internal sealed record AssignmentResult(bool Found, IReadOnlyList<AssignedReviewer> Reviewers, string? Error)
{
    public bool Succeeded => Found && Error is null;
}

/// <summary>
/// Staff assign reviewers to a submitted application, by e-mail and/or chosen automatically from the pool; the API
/// and the back office's application page both come here, so both refuse and add alike.
/// </summary>
internal sealed class ReviewerAssignment(
    IncubatorDbContext db, UserManager<User> users, WorkflowService workflows, TimeProvider clock, IStringLocalizer<ApplicationService> localizer)
{
    public const int MaxAutomatic = 10;

    /// <summary>
    /// Adds the reviewers named by <paramref name="emails"/> and <paramref name="automatic"/> more from the pool. Any
    /// e-mail that is not a reviewer allowed on the application refuses the whole request and assigns nobody.
    /// </summary>
    public async Task<AssignmentResult> AssignAsync(
        string id, IEnumerable<string>? emails, int? automatic, string? assignedBy, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return new AssignmentResult(false, [], null);
        }

        if (application.Status == ApplicationStatuses.Draft)
        {
            return Refused(localizer["Reviewers are assigned to submitted applications."]);
        }

        var chosen = new List<string>();
        var errors = new List<string>();
        foreach (var email in (emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var reviewer = await users.FindByEmailAsync(email.Trim());
            if (reviewer is null || !await ReviewerPool.MayReviewAsync(db, application, reviewer.Id))
            {
                errors.Add(localizer["{0} is not a reviewer who may review this application.", email].Value);
            }
            else
            {
                chosen.Add(reviewer.Id);
            }
        }

        if (automatic is > 0 and <= MaxAutomatic)
        {
            chosen.AddRange((await ReviewerPool.SuggestAsync(db, application, automatic.Value)).Where(r => !chosen.Contains(r)));
        }
        else if (automatic is not null and not 0)
        {
            errors.Add(localizer["Ask for between 1 and 10 reviewers chosen automatically."].Value);
        }

        if (errors.Count > 0 || chosen.Count == 0)
        {
            return Refused(errors.Count > 0 ? string.Join(" ", errors) : localizer["Name at least one reviewer by e-mail, or ask for some chosen automatically."]);
        }

        var existing = await db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.ReviewerId).ToListAsync(cancellationToken);
        var added = chosen.Except(existing).ToList();
        foreach (var reviewer in added)
        {
            db.Reviews.Add(new Review { ApplicationId = id, ReviewerId = reviewer, AssignedUtc = clock.GetUtcNow().UtcDateTime, AssignedBy = assignedBy });
        }

        // When review is already under way, the new reviewers join the instance's assignees so they can score.
        await workflows.AddAssigneesAsync(id, added, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new AssignmentResult(true, await ReviewersAsync(id, cancellationToken), null);
    }

    /// <summary>The application's reviewers in the order they were assigned.</summary>
    public Task<List<AssignedReviewer>> ReviewersAsync(string id, CancellationToken cancellationToken = default) =>
        db.Reviews.AsNoTracking().Where(r => r.ApplicationId == id)
            .Join(db.Users, r => r.ReviewerId, u => u.Id, (r, u) => new { r.Id, r.ReviewerId, Email = u.Email ?? u.Id, Declared = r.NoConflictDeclaredUtc != null, Submitted = r.SubmittedUtc != null })
            .OrderBy(x => x.Id)
            .Select(x => new AssignedReviewer(x.ReviewerId, x.Email, x.Declared, x.Submitted))
            .ToListAsync(cancellationToken);

    private static AssignmentResult Refused(string message) => new(true, [], message);
}
