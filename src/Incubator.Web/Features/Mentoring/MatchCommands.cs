using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mentoring;

/// <summary>Who asks: their account, and whether they are staff (who may act for any organisation and any mentor).</summary>
internal sealed record MentoringCaller(string UserId, bool Staff);

/// <summary>
/// Matches between startups and mentors: staff make one active at once; a startup's owner requests one, which waits
/// for the mentor (or staff) to accept or decline. The same rules as the suggestions hold: never a mentor linked to
/// the startup, one with no hours left, or a second open match of the same pair (the database's unique index holds
/// that even when two requests race).
/// </summary>
internal sealed class MatchCommands(
    IncubatorDbContext db, OrganisationAccess organisations, MentorSuggestions suggestions, MentorRequestNotice notice, UserManager<User> users, TimeProvider clock,
    IOptions<MentoringOptions> options)
{
    public const int MaxEndReason = 1000;

    public sealed record Request(string? OrganisationId, string? MentorId, string? MentorEmail);

    public async Task<CommandResult<MentorMatch>> RequestAsync(Request request, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(request.OrganisationId))
        {
            return CommandResult.Invalid("organisationId", "Choose an organisation.").As<MentorMatch>();
        }

        // Someone else's organisation reads as unknown: a startup learns nothing of others.
        if (await organisations.FindAsync(request.OrganisationId, cancellationToken) is not var (_, organisation)
            || (!caller.Staff && organisation.OwnerId != caller.UserId))
        {
            return CommandResult.Invalid("organisationId", "There is no such organisation.").As<MentorMatch>();
        }

        var (field, mentorId) = await MentorIdAsync(request, cancellationToken);
        if (mentorId is null)
        {
            return CommandResult.Invalid(field, field == "mentorId" && request.MentorEmail is null && request.MentorId is null
                ? "Give the mentor's id or e-mail address."
                : "There is no such mentor.").As<MentorMatch>();
        }

        var (startup, candidates) = await suggestions.CandidatesAsync(organisation, mentorId, cancellationToken);
        if (candidates.Count == 0)
        {
            return CommandResult.Invalid(field, "There is no such mentor.").As<MentorMatch>();
        }

        var candidate = candidates[0];
        if (candidate.Linked)
        {
            return CommandResult.Conflict("This mentor is linked to the organisation and may not advise it.").As<MentorMatch>();
        }

        if (candidate.HasOpenMatch)
        {
            return CommandResult.Conflict("This mentor already works with the organisation, or a request is waiting for an answer.").As<MentorMatch>();
        }

        if (candidate.HoursLeft <= 0)
        {
            return CommandResult.Conflict("This mentor has no hours left this month.").As<MentorMatch>();
        }

        if (!caller.Staff && !candidate.AcceptsRequests)
        {
            return CommandResult.Conflict("This mentor takes new startups through the staff only.").As<MentorMatch>();
        }

        // The reasons as the suggestion gave them, in the requester's language, kept with the match.
        var reasons = new List<string>();
        foreach (var reason in MentorMatcher.Rank(startup, [candidate]).SelectMany(s => s.Reasons))
        {
            reasons.Add(await suggestions.WriteAsync(reason, cancellationToken));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var match = new MentorMatch
        {
            Id = Guid.CreateVersion7().ToString("N"),
            OrganisationId = organisation.ContentItemId,
            MentorId = mentorId,
            Status = caller.Staff ? MatchStatus.Active : MatchStatus.Requested,
            RequestedBy = caller.UserId,
            RequestedUtc = now,
            DecidedUtc = caller.Staff ? now : null,
            DecidedBy = caller.Staff ? caller.UserId : null,
            HoursAllocated = options.Value.HoursPerMatch,
            Reasons = Truncate(string.Join("; ", reasons)),
            RowVersion = 1,
        };
        db.Add(match);
        if (!caller.Staff)
        {
            await notice.AddAsync(match, organisation.Title, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on open matches: another request for the same pair won the race.
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("This mentor already works with the organisation, or a request is waiting for an answer.").As<MentorMatch>();
        }

        return CommandResult.Ok(match);
    }

    /// <summary>The mentor (or staff) answers a waiting request.</summary>
    public async Task<CommandResult<MentorMatch>> AnswerAsync(string id, bool accept, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var match = await db.Set<MentorMatch>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (match is null || !(caller.Staff || await IsMentorAsync(match.MentorId, caller.UserId, cancellationToken)))
        {
            return CommandResult.NotFound().As<MentorMatch>();
        }

        if (match.Status != MatchStatus.Requested)
        {
            return CommandResult.Conflict("This request has already been answered.").As<MentorMatch>();
        }

        match.Status = accept ? MatchStatus.Active : MatchStatus.Declined;
        match.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        match.DecidedBy = caller.UserId;
        match.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("This request has already been answered.").As<MentorMatch>();
        }

        return CommandResult.Ok(match);
    }

    /// <summary>
    /// Ends an active match, or withdraws a request still waiting: staff, the mentor or the organisation's owner may,
    /// with an optional reason. The pair may then be matched again; bookings already made are the office hours' own.
    /// </summary>
    public async Task<CommandResult<MentorMatch>> EndAsync(string id, string? reason, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var match = await db.Set<MentorMatch>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (match is null || !(caller.Staff || await IsMentorAsync(match.MentorId, caller.UserId, cancellationToken)
            || await organisations.FindOwnedAsync(caller.UserId, match.OrganisationId, cancellationToken) is not null))
        {
            return CommandResult.NotFound().As<MentorMatch>();
        }

        var why = reason?.Trim() ?? string.Empty;
        if (why.Length > MaxEndReason)
        {
            return CommandResult.Invalid("reason", FormattedMessage.Create("At most {0} characters.", MaxEndReason)).As<MentorMatch>();
        }

        if (match.Status is not (MatchStatus.Active or MatchStatus.Requested))
        {
            return CommandResult.Conflict("This match has already ended.").As<MentorMatch>();
        }

        match.Status = MatchStatus.Ended;
        match.EndedUtc = clock.GetUtcNow().UtcDateTime;
        match.EndedBy = caller.UserId;
        match.EndReason = why.Length == 0 ? null : why;
        match.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("This match has already ended.").As<MentorMatch>();
        }

        return CommandResult.Ok(match);
    }

    /// <summary>What a page tells after a command: <paramref name="done"/> when it succeeded, else why not.</summary>
    public static string Outcome<T>(CommandResult<T> result, string done, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(localizer);
        return result.Succeeded ? localizer[done] : localizer[result.Detail ?? result.Errors.Values.FirstOrDefault() ?? "Nothing was changed."];
    }

    /// <summary>Whether <paramref name="userId"/> is the account of the mentor.</summary>
    public Task<bool> IsMentorAsync(string mentorId, string userId, CancellationToken cancellationToken) =>
        db.Set<MentorDetails>().AnyAsync(d => d.MentorId == mentorId && d.UserId == userId, cancellationToken);

    private async Task<(string Field, string? MentorId)> MentorIdAsync(Request request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.MentorId))
        {
            var id = request.MentorId.Trim();
            return ("mentorId", await db.Set<MentorDetails>().AnyAsync(d => d.MentorId == id, cancellationToken) ? id : null);
        }

        if (!string.IsNullOrWhiteSpace(request.MentorEmail))
        {
            var user = await users.FindByEmailAsync(request.MentorEmail.Trim());
            var id = user is null ? null : await db.Set<MentorDetails>().Where(d => d.UserId == user.Id).Select(d => d.MentorId).FirstOrDefaultAsync(cancellationToken);
            return ("mentorEmail", id);
        }

        return ("mentorId", null);
    }

    private static string? Truncate(string text) => text.Length == 0 ? null : text.Length > 2000 ? text[..2000] : text;
}
