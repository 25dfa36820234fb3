using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.FollowUps;

/// <summary>What a form or the API sends for a follow-up task: the assignee is a user id already resolved.</summary>
internal sealed record FollowUpInput(string? Title, DateOnly? DueOn, string? AssigneeId, string? OrganisationId, string? PersonId, string? ApplicationId);

/// <summary>
/// Creates, changes and closes follow-up tasks. The title and due date are required, the assignee must be on the staff,
/// and a linked organisation, person or application must exist; a refusal changes nothing.
/// </summary>
internal sealed class SaveFollowUp(IncubatorDbContext db, RelationshipDirectory directory, TimeProvider clock)
{
    public const int MaxTitle = 300;

    public async Task<CommandResult> ValidateAsync(FollowUpInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors["title"] = "Enter a title.";
        }
        else if (input.Title.Trim().Length > MaxTitle)
        {
            errors["title"] = "The title is too long.";
        }

        if (input.DueOn is null)
        {
            errors["dueOn"] = "Enter the due date.";
        }

        if (string.IsNullOrWhiteSpace(input.AssigneeId) || (await directory.StaffAsync([input.AssigneeId], cancellationToken)).Count == 0)
        {
            errors["assignee"] = "The assignee must be a staff member.";
        }

        if (!string.IsNullOrWhiteSpace(input.OrganisationId) && (await directory.OrganisationsAsync([input.OrganisationId], cancellationToken)).Count == 0)
        {
            errors["organisationId"] = "An organisation named here does not exist.";
        }

        if (!string.IsNullOrWhiteSpace(input.PersonId) && (await directory.PeopleAsync([input.PersonId], cancellationToken)).Count == 0)
        {
            errors["personId"] = "A person named here does not exist.";
        }

        if (!string.IsNullOrWhiteSpace(input.ApplicationId) && !await db.Applications.AnyAsync(a => a.Id == input.ApplicationId, cancellationToken))
        {
            errors["applicationId"] = "No application has this id.";
        }

        return errors.Count > 0 ? CommandResult.Invalid(errors) : CommandResult.Ok();
    }

    public async Task<CommandResult<FollowUpTask>> CreateAsync(FollowUpInput input, string userId, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(input, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.As<FollowUpTask>();
        }

        var task = new FollowUpTask { Id = Guid.CreateVersion7().ToString("N"), Status = FollowUpStatus.Open, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = userId };
        Apply(task, input);
        db.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(task);
    }

    /// <summary>
    /// Changes a task read at <paramref name="version"/>. A new due date or assignee is a new promise: its notices are
    /// owed again.
    /// </summary>
    public async Task<CommandResult<FollowUpTask>> UpdateAsync(string id, int version, FollowUpInput input, CancellationToken cancellationToken)
    {
        var task = await db.Set<FollowUpTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return CommandResult.NotFound().As<FollowUpTask>();
        }

        if (task.Version != version)
        {
            return CommandResult.Conflict("Someone else changed this task meanwhile. Reload it and try again.").As<FollowUpTask>();
        }

        if (await ValidateAsync(input, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.As<FollowUpTask>();
        }

        if (task.DueOn != input.DueOn || task.AssigneeId != input.AssigneeId)
        {
            task.DueNoticeSentUtc = null;
            task.OverdueNoticeSentUtc = null;
        }

        Apply(task, input);
        return await SaveAsync(task, cancellationToken);
    }

    /// <summary>Marks an open task done or cancelled, saying when and by whom; a closed one cannot be closed again.</summary>
    public async Task<CommandResult<FollowUpTask>> CloseAsync(string id, FollowUpStatus status, string userId, CancellationToken cancellationToken)
    {
        var task = await db.Set<FollowUpTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return CommandResult.NotFound().As<FollowUpTask>();
        }

        if (task.Status != FollowUpStatus.Open)
        {
            return CommandResult.Conflict("This task is already closed.").As<FollowUpTask>();
        }

        task.Status = status;
        task.ClosedUtc = clock.GetUtcNow().UtcDateTime;
        task.ClosedBy = userId;
        return await SaveAsync(task, cancellationToken);
    }

    private async Task<CommandResult<FollowUpTask>> SaveAsync(FollowUpTask task, CancellationToken cancellationToken)
    {
        task.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("Someone else changed this task meanwhile. Reload it and try again.").As<FollowUpTask>();
        }

        return CommandResult.Ok(task);
    }

    private static void Apply(FollowUpTask task, FollowUpInput input)
    {
        task.Title = Incubator.Core.Text.VietnameseText.ToNfc(input.Title!.Trim())!;
        task.DueOn = input.DueOn!.Value;
        task.AssigneeId = input.AssigneeId!;
        task.OrganisationId = string.IsNullOrWhiteSpace(input.OrganisationId) ? null : input.OrganisationId;
        task.PersonId = string.IsNullOrWhiteSpace(input.PersonId) ? null : input.PersonId;
        task.ApplicationId = string.IsNullOrWhiteSpace(input.ApplicationId) ? null : input.ApplicationId;
    }
}
