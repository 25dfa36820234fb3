using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Staff assign an officer to submitted applications, one from its page or many from the queue: the officer must be
/// an active staff user (a role that grants Staff, or an administrator), and every application named must be a
/// submitted one, or nothing changes.
/// </summary>
internal sealed class ApplicationAssignment(IncubatorDbContext db, ApplicationInbox inbox)
{
    public const string IdsField = "ids";
    public const string AssigneeField = "assignee";

    /// <summary>Active users who hold Staff, by name; the officers an application may be assigned to.</summary>
    public Task<List<StaffMember>> StaffAsync(CancellationToken cancellationToken = default) =>
        Staff().Select(u => new { u.Id, Name = u.DisplayName != null && u.DisplayName != "" ? u.DisplayName : u.Email ?? u.Id })
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Select(u => new StaffMember(u.Id, u.Name))
            .ToListAsync(cancellationToken);

    /// <summary>The name of any user, e.g. an officer who has since left the staff, or null when there is no such user.</summary>
    public Task<string?> NameAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName != null && u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Assigns <paramref name="assignee"/> (a staff user's id, or <see cref="QueueFilter.Nobody"/> to take the
    /// assignment away) to the applications <paramref name="ids"/> names. Refused as a whole, with the field at
    /// fault, when an id is not a submitted application or the assignee is not an active staff user.
    /// </summary>
    public async Task<CommandResult> AssignAsync(IReadOnlyCollection<string> ids, string? assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return CommandResult.Invalid(IdsField, "Select at least one application.");
        }

        if (await inbox.SelectedAsync(ids, cancellationToken) is null)
        {
            return CommandResult.Invalid(IdsField, "Some of the selected applications do not exist or are not submitted; nothing was changed.");
        }

        string? officer = null;
        if (assignee != QueueFilter.Nobody)
        {
            if (string.IsNullOrWhiteSpace(assignee) || !await Staff().AnyAsync(u => u.Id == assignee, cancellationToken))
            {
                return CommandResult.Invalid(AssigneeField, "Choose an officer from the staff list.");
            }

            officer = assignee;
        }

        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var applications = await db.Applications.Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken);
        foreach (var application in applications.Where(a => a.AssigneeId != officer))
        {
            application.AssigneeId = officer;
            application.RowVersion++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A workflow step or the applicant saved one of them meanwhile; the whole assignment is dropped, not half of it.
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("One of the applications changed meanwhile; nothing was assigned. Try again.");
        }

        return CommandResult.Ok();
    }

    private IQueryable<User> Staff() =>
        db.Users.AsNoTracking().Where(u => !u.Disabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId
            && (r.Name == Roles.Administrator || db.RoleClaims.Any(c => c.RoleId == r.Id && c.ClaimType == Permissions.ClaimType && c.ClaimValue == Policies.Staff)))));
}
