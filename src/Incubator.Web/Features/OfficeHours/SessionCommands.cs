using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.FollowUps;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.Mentoring;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// After a session: the mentor (or staff) logs it once it has started (notes, action items, minutes, or that the
/// startup did not come); the startup's owner records that the mentor did not come, rates a held session and ticks its
/// action items. A staff action item becomes a follow-up task for the staff member who looks after the startup: the
/// lead of its active cohort, else whoever confirmed the match, else the first staff account by id; a startup's item
/// stays an action item that the startup sees.
/// </summary>
internal sealed class SessionCommands(IncubatorDbContext db, BookingCommands bookings, SaveFollowUp followUps, RelationshipDirectory directory, TimeProvider clock)
{
    public const int MaxNotes = 10000;
    public const int MaxComment = 2000;
    public const int MaxItems = 20;
    public const int MaxMinutes = 600;

    public sealed record ActionItemRequest(string? Title, DateOnly? DueOn, string? Owner);

    public sealed record LogRequest(string? Notes, List<ActionItemRequest>? ActionItems, int? Minutes, bool? NoShow);

    public sealed record RatingRequest(int? Stars, string? Comment);

    public async Task<CommandResult<MentorBooking>> LogAsync(string id, LogRequest request, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (booking, refused) = await FindAsync(id, caller, ["mentor", "staff"], "Only the mentor or staff log a session.", cancellationToken);
        if (booking is null)
        {
            return refused!;
        }

        if (booking.CancelledUtc is not null)
        {
            return CommandResult.Conflict("This booking is cancelled.").As<MentorBooking>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now < booking.StartsUtc)
        {
            return CommandResult.Conflict("The session has not started yet.").As<MentorBooking>();
        }

        if (booking.LoggedUtc is not null)
        {
            return CommandResult.Conflict("This session is already logged.").As<MentorBooking>();
        }

        var noShow = request.NoShow == true;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Notes is { Length: > MaxNotes })
        {
            errors["notes"] = "The notes are too long.";
        }

        if (!noShow && request.Minutes is not (>= 1 and <= MaxMinutes))
        {
            errors["minutes"] = "Give the minutes the session took, from 1 to 600.";
        }

        var items = request.ActionItems ?? [];
        if (items.Count > MaxItems)
        {
            errors["actionItems"] = "At most 20 action items.";
        }

        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            var item = items[i];
            if (string.IsNullOrWhiteSpace(item?.Title))
            {
                errors[$"actionItems[{i}].title"] = "Enter a title.";
            }
            else if (item.Title.Trim().Length > SaveFollowUp.MaxTitle)
            {
                errors[$"actionItems[{i}].title"] = "The title is too long.";
            }

            if (item?.DueOn is null)
            {
                errors[$"actionItems[{i}].dueOn"] = "Enter the due date.";
            }

            if (item?.Owner is not (ActionItemOwner.Startup or ActionItemOwner.Staff))
            {
                errors[$"actionItems[{i}].owner"] = "The owner is \"startup\" or \"staff\".";
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<MentorBooking>();
        }

        booking.LoggedUtc = now;
        booking.LoggedBy = caller.UserId;
        booking.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        booking.MinutesSpent = noShow ? null : request.Minutes;
        booking.NoShow = noShow ? "startup" : null;
        booking.RowVersion++;
        var added = items.Select(i => new SessionActionItem
        {
            BookingId = booking.Id,
            OrganisationId = booking.OrganisationId,
            Title = i.Title!.Trim(),
            DueOn = i.DueOn!.Value,
            Owner = i.Owner!,
            CreatedUtc = now,
        }).ToList();
        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("This session is already logged.").As<MentorBooking>();
        }

        var staffItems = added.Where(i => i.Owner == ActionItemOwner.Staff).ToList();
        if (staffItems.Count > 0 && await AssigneeAsync(booking, cancellationToken) is { } assignee)
        {
            foreach (var item in staffItems)
            {
                var task = await followUps.CreateAsync(new FollowUpInput(item.Title, item.DueOn, assignee, booking.OrganisationId, null, null), caller.UserId, cancellationToken);
                if (task.Succeeded)
                {
                    item.FollowUpId = task.Value!.Id;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return CommandResult.Ok(booking);
    }

    /// <summary>The startup's owner records that the mentor did not come (once the session has started).</summary>
    public async Task<CommandResult<MentorBooking>> MentorAbsentAsync(string id, MentoringCaller caller, CancellationToken cancellationToken)
    {
        var (booking, refused) = await FindAsync(id, caller, ["startup", "staff"], "Only the startup records that its mentor did not come.", cancellationToken);
        if (booking is null)
        {
            return refused!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (booking.CancelledUtc is not null)
        {
            return CommandResult.Conflict("This booking is cancelled.").As<MentorBooking>();
        }

        if (now < booking.StartsUtc)
        {
            return CommandResult.Conflict("The session has not started yet.").As<MentorBooking>();
        }

        if (booking.LoggedUtc is not null)
        {
            return CommandResult.Conflict("This session is already logged.").As<MentorBooking>();
        }

        booking.LoggedUtc = now;
        booking.LoggedBy = caller.UserId;
        booking.NoShow = "mentor";
        booking.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("This session is already logged.").As<MentorBooking>();
        }

        return CommandResult.Ok(booking);
    }

    /// <summary>The startup's owner rates a held session (again, to change the rating).</summary>
    public async Task<CommandResult<MentorBooking>> RateAsync(string id, RatingRequest request, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (booking, refused) = await FindAsync(id, caller with { Staff = false }, ["startup"], "Only the startup rates its session.", cancellationToken);
        if (booking is null)
        {
            return refused!;
        }

        if (booking.CancelledUtc is not null || booking.NoShow is not null)
        {
            return CommandResult.Conflict("Only a session that took place can be rated.").As<MentorBooking>();
        }

        if (clock.GetUtcNow().UtcDateTime < booking.EndsUtc && booking.LoggedUtc is null)
        {
            return CommandResult.Conflict("A session can be rated once it is over.").As<MentorBooking>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Stars is not (>= 1 and <= 5))
        {
            errors["stars"] = "Give from 1 to 5 stars.";
        }

        if (request.Comment is { Length: > MaxComment })
        {
            errors["comment"] = "The comment is too long.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<MentorBooking>();
        }

        booking.Stars = request.Stars;
        booking.RatingComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        booking.RatedUtc = clock.GetUtcNow().UtcDateTime;
        booking.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("The booking was changed meanwhile; load it again.").As<MentorBooking>();
        }

        return CommandResult.Ok(booking);
    }

    /// <summary>The startup's owner (or staff) ticks one of the startup's action items done, or not done.</summary>
    public async Task<CommandResult<SessionActionItem>> TickAsync(long id, bool done, MentoringCaller caller, CancellationToken cancellationToken)
    {
        var item = await db.Set<SessionActionItem>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        var booking = item is null ? null : await db.Set<MentorBooking>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == item.BookingId, cancellationToken);
        if (item is null || booking is null || await bookings.RoleAsync(booking, caller, cancellationToken) is not ("startup" or "staff") || item.Owner != ActionItemOwner.Startup)
        {
            return CommandResult.NotFound().As<SessionActionItem>();
        }

        item.DoneUtc = done ? item.DoneUtc ?? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(item);
    }

    private async Task<(MentorBooking? Booking, CommandResult<MentorBooking>? Refused)> FindAsync(
        string id, MentoringCaller caller, string[] roles, string forbidden, CancellationToken cancellationToken)
    {
        var booking = await db.Set<MentorBooking>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        var role = booking is null ? null : await bookings.RoleAsync(booking, caller, cancellationToken);
        if (booking is null || role is null)
        {
            return (null, CommandResult.NotFound().As<MentorBooking>());
        }

        return roles.Contains(role, StringComparer.Ordinal) ? (booking, null) : (null, CommandResult.Forbidden(forbidden).As<MentorBooking>());
    }

    private async Task<string?> AssigneeAsync(MentorBooking booking, CancellationToken cancellationToken)
    {
        var lead = await (from m in db.Set<CohortMember>().AsNoTracking()
                          join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
                          where m.OrganisationId == booking.OrganisationId && m.Status == MemberStatus.Active && c.LeadUserId != null
                          orderby m.JoinedUtc descending
                          select c.LeadUserId).FirstOrDefaultAsync(cancellationToken);
        var decidedBy = await db.Set<MentorMatch>().AsNoTracking().Where(m => m.Id == booking.MatchId).Select(m => m.DecidedBy).FirstOrDefaultAsync(cancellationToken);
        var candidates = new[] { lead, decidedBy }.OfType<string>().ToList();
        var staff = await directory.StaffAsync(candidates, cancellationToken);
        if (candidates.Find(staff.ContainsKey) is { } found)
        {
            return found;
        }

        var everyone = await directory.StaffAsync(null, cancellationToken);
        return everyone.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
