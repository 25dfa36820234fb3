using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Applications = Incubator.Web.Features.Applications;

namespace Incubator.Web.Features.Interactions;

/// <summary>What a form or the API sends to log or change an interaction; <see cref="At"/> is a UTC instant.</summary>
internal sealed record InteractionInput(
    InteractionKind Kind, DateTime At, string? Subject, string? Body, IReadOnlyList<string> OrganisationIds, IReadOnlyList<string> PersonIds,
    IReadOnlyList<string> StaffIds, InteractionVisibility Visibility);

/// <summary>
/// Logs or changes an interaction: the subject is required, every organisation, person and staff member named must
/// exist, and attachments already checked by the store are recorded in the same save. A refusal changes nothing.
/// </summary>
internal sealed class SaveInteraction(IncubatorDbContext db, RelationshipDirectory directory, TimeProvider clock)
{
    public const int MaxSubject = 300;
    public const int MaxBody = 20000;

    /// <summary>
    /// An instant sent as JSON or typed in a form: one with an offset or in UTC is taken as given; one without is Vietnam
    /// local time, as officers write it.
    /// </summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), VietnamTime.Zone),
    };

    public async Task<CommandResult> ValidateAsync(InteractionInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Subject))
        {
            errors["subject"] = "Enter a subject.";
        }
        else if (input.Subject.Trim().Length > MaxSubject)
        {
            errors["subject"] = "The subject is too long.";
        }

        if (input.Body is { Length: > MaxBody })
        {
            errors["body"] = "The text is too long.";
        }

        if (input.At == default)
        {
            errors["at"] = "Enter the date and time.";
        }

        if (input.OrganisationIds.Count > 0
            && (await directory.OrganisationsAsync(input.OrganisationIds, cancellationToken)).Count != input.OrganisationIds.Distinct(StringComparer.Ordinal).Count())
        {
            errors["organisationIds"] = "An organisation named here does not exist.";
        }

        if (input.PersonIds.Count > 0
            && (await directory.PeopleAsync(input.PersonIds, cancellationToken)).Count != input.PersonIds.Distinct(StringComparer.Ordinal).Count())
        {
            errors["personIds"] = "A person named here does not exist.";
        }

        if (input.StaffIds.Count > 0
            && (await directory.StaffAsync(input.StaffIds, cancellationToken)).Count != input.StaffIds.Distinct(StringComparer.Ordinal).Count())
        {
            errors["staffIds"] = "A staff member named here is not on the staff.";
        }

        return errors.Count > 0 ? CommandResult.Invalid(errors) : CommandResult.Ok();
    }

    public async Task<CommandResult<Interaction>> CreateAsync(
        InteractionInput input, IReadOnlyList<Applications.StoredAttachment> attachments, string userId, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(input, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.As<Interaction>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var interaction = new Interaction { Id = Guid.CreateVersion7().ToString("N"), CreatedUtc = now, CreatedBy = userId };
        Apply(interaction, input, attachments, userId, now);
        db.Add(interaction);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(interaction);
    }

    /// <summary>Changes an interaction read at <paramref name="version"/>; a change saved since is a conflict.</summary>
    public async Task<CommandResult<Interaction>> UpdateAsync(
        string id, int version, InteractionInput input, IReadOnlyList<Applications.StoredAttachment> attachments, string userId, CancellationToken cancellationToken)
    {
        var interaction = await db.Set<Interaction>().Include(i => i.Participants).Include(i => i.Attachments).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
        {
            return CommandResult.NotFound().As<Interaction>();
        }

        if (interaction.RowVersion != version)
        {
            return CommandResult.Conflict("Someone else changed this interaction meanwhile. Reload it and try again.").As<Interaction>();
        }

        if (await ValidateAsync(input, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.As<Interaction>();
        }

        db.RemoveRange(interaction.Participants);
        interaction.Participants.Clear();
        Apply(interaction, input, attachments, userId, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("Someone else changed this interaction meanwhile. Reload it and try again.").As<Interaction>();
        }

        return CommandResult.Ok(interaction);
    }

    private static void Apply(Interaction interaction, InteractionInput input, IReadOnlyList<Applications.StoredAttachment> attachments, string userId, DateTime now)
    {
        interaction.Kind = input.Kind;
        interaction.AtUtc = input.At;
        interaction.Subject = Incubator.Core.Text.VietnameseText.ToNfc(input.Subject!.Trim())!;
        interaction.Body = string.IsNullOrWhiteSpace(input.Body) ? null : Incubator.Core.Text.VietnameseText.ToNfc(input.Body)!;
        interaction.Visibility = input.Visibility;
        interaction.ModifiedUtc = now;
        interaction.ModifiedBy = userId;
        interaction.RowVersion++;
        void Add(ParticipantKind kind, IEnumerable<string> ids)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                interaction.Participants.Add(new InteractionParticipant { InteractionId = interaction.Id, Kind = kind, RefId = id });
            }
        }

        Add(ParticipantKind.Organisation, input.OrganisationIds);
        Add(ParticipantKind.Person, input.PersonIds);
        Add(ParticipantKind.Staff, input.StaffIds);
        foreach (var file in attachments)
        {
            interaction.Attachments.Add(new InteractionAttachment
            {
                InteractionId = interaction.Id, StoredName = file.StoredName, DisplayName = file.DisplayName, ContentType = file.ContentType, Size = file.Size, AddedUtc = now,
            });
        }
    }
}
