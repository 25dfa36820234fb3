using System.Text.RegularExpressions;
using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>A milestone of a new cohort as the caller sends it.</summary>
internal sealed record MilestoneInput(string? Key, string? TitleVi, string? TitleEn, DateOnly? DueOn, string? Evidence);

/// <summary>A new cohort as the caller sends it.</summary>
internal sealed record CohortInput(
    string? Key, string? NameVi, string? NameEn, DateOnly? StartsOn, DateOnly? EndsOn, string? ProgrammeKey, string? Cadence, string? LeadUserId,
    IReadOnlyList<MilestoneInput>? Milestones);

/// <summary>
/// What staff do to cohorts: create one with its curriculum, add members (by hand or the programme's approved
/// applicants), record a member's progress on a milestone, and let a member graduate or leave. Joining, graduating
/// and leaving move the organisation's pipeline stage (incubating, graduated, stopped) through <see cref="MoveOrganisation"/>.
/// </summary>
internal sealed partial class CohortCommands(IncubatorDbContext db, DirectoryEntries entries, MoveOrganisation move, TimeProvider clock)
{
    public const int MaxName = 200;
    public const int MaxTitle = 300;
    public const int MaxText = 2000;
    public const int MaxMilestones = 50;

    public const string IncubatingStage = "incubating";
    public const string GraduatedStage = "graduated";
    public const string StoppedStage = "stopped";

    public async Task<CommandResult<Cohort>> CreateAsync(CohortInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (errors, values) = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Cohort>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cohort = new Cohort
        {
            Id = Guid.CreateVersion7().ToString("N"), Key = values.Key, NameVi = values.NameVi, NameEn = values.NameEn, StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value,
            ProgrammeKey = values.ProgrammeKey, Cadence = values.Cadence, LeadUserId = values.Lead, CreatedUtc = now, CreatedBy = userId, ModifiedUtc = now, RowVersion = 1,
            Milestones = [.. values.Milestones],
        };
        db.Add(cohort);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another cohort of this key was created at the same time (the unique index).
            db.ChangeTracker.Clear();
            return CommandResult.Invalid("key", "Another cohort has this key.").As<Cohort>();
        }

        return CommandResult.Ok(cohort);
    }

    /// <summary>
    /// Changes a cohort: its names, dates, programme, cadence, lead and curriculum. Its key stays. Milestones are matched
    /// by key: a known key keeps its members' progress, a new key adds a milestone, and a milestone left out goes only if
    /// no member has progress on it. <paramref name="rowVersion"/>, when given, must be the version the editor read.
    /// </summary>
    public async Task<CommandResult<Cohort>> UpdateAsync(string key, CohortInput input, int? rowVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cohort = await db.Set<Cohort>().Include(c => c.Milestones).FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (cohort is null)
        {
            return CommandResult.NotFound().As<Cohort>();
        }

        if (rowVersion is { } expected && expected != cohort.RowVersion)
        {
            return CommandResult.Conflict("Someone else changed this cohort since you opened it; look at it again and make your change.").As<Cohort>();
        }

        var (errors, values) = await ValidateAsync(input, cohort, cancellationToken);
        var kept = values.Milestones.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var dropped = cohort.Milestones.Where(m => !kept.Contains(m.Key)).ToList();
        if (dropped.Count > 0)
        {
            var droppedKeys = dropped.Select(m => m.Key).ToList();
            var members = db.Set<CohortMember>().Where(m => m.CohortId == cohort.Id).Select(m => m.Id);
            var used = await db.Set<MemberMilestone>().Where(p => members.Contains(p.MemberId) && droppedKeys.Contains(p.MilestoneKey) && p.Status != MilestoneStatus.NotStarted)
                .Select(p => p.MilestoneKey).Distinct().ToListAsync(cancellationToken);
            if (used.Count > 0)
            {
                errors["milestones"] = FormattedMessage.Create("Members have progress on the milestone \"{0}\"; keep it (or waive it for them) rather than remove it.", used.Order(StringComparer.Ordinal).First());
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<Cohort>();
        }

        cohort.NameVi = values.NameVi;
        cohort.NameEn = values.NameEn;
        cohort.StartsOn = input.StartsOn!.Value;
        cohort.EndsOn = input.EndsOn!.Value;
        cohort.ProgrammeKey = values.ProgrammeKey;
        cohort.Cadence = values.Cadence;
        cohort.LeadUserId = values.Lead;
        foreach (var milestone in dropped)
        {
            cohort.Milestones.Remove(milestone);
            db.Remove(milestone);
        }

        foreach (var wanted in values.Milestones)
        {
            if (cohort.Milestones.FirstOrDefault(m => m.Key == wanted.Key) is { } current)
            {
                (current.TitleVi, current.TitleEn, current.DueOn, current.Evidence, current.Position) = (wanted.TitleVi, wanted.TitleEn, wanted.DueOn, wanted.Evidence, wanted.Position);
            }
            else
            {
                cohort.Milestones.Add(wanted);
            }
        }

        cohort.ModifiedUtc = clock.GetUtcNow().UtcDateTime;
        cohort.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("Someone else changed this cohort since you opened it; look at it again and make your change.").As<Cohort>();
        }

        return CommandResult.Ok(cohort);
    }

    /// <summary>The checked values of a cohort's input.</summary>
    private sealed record CohortValues(string Key, string NameVi, string NameEn, string? ProgrammeKey, string Cadence, string? Lead, IReadOnlyList<CohortMilestone> Milestones);

    /// <summary>Checks a new cohort (<paramref name="existing"/> null) or a change to one; the errors by the API's field names.</summary>
    private async Task<(Dictionary<string, string> Errors, CohortValues Values)> ValidateAsync(CohortInput input, Cohort? existing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = existing?.Key ?? input.Key?.Trim() ?? string.Empty;
        if (existing is not null)
        {
            // The key names the cohort in addresses and recipes: it stays.
        }
        else if (key.Length == 0)
        {
            errors["key"] = "Enter a key.";
        }
        else if (!KeyPattern().IsMatch(key))
        {
            errors["key"] = "A key is lower-case letters, digits and dashes, starting with a letter or digit, at most 64.";
        }
        else if (await db.Set<Cohort>().AnyAsync(c => c.Key == key, cancellationToken))
        {
            errors["key"] = "Another cohort has this key.";
        }

        var nameVi = Text(input.NameVi);
        var nameEn = Text(input.NameEn);
        if (nameVi.Length == 0)
        {
            errors["name.vi"] = "Enter the Vietnamese name.";
        }
        else if (nameVi.Length > MaxName)
        {
            errors["name.vi"] = FormattedMessage.Create("At most {0} characters.", MaxName);
        }

        if (nameEn.Length > MaxName)
        {
            errors["name.en"] = FormattedMessage.Create("At most {0} characters.", MaxName);
        }

        if (input.StartsOn is null)
        {
            errors["startsOn"] = "Enter the start date.";
        }

        if (input.EndsOn is null)
        {
            errors["endsOn"] = "Enter the end date.";
        }
        else if (input.StartsOn is { } start && input.EndsOn <= start)
        {
            errors["endsOn"] = "The cohort must end after it starts.";
        }

        var cadence = input.Cadence?.Trim() ?? string.Empty;
        if (!CohortCadence.All.Contains(cadence))
        {
            errors["cadence"] = "Choose monthly or quarterly.";
        }

        var programmeKey = string.IsNullOrWhiteSpace(input.ProgrammeKey) ? null : input.ProgrammeKey.Trim();
        if (programmeKey is not null && !await db.Set<Programme>().AnyAsync(p => p.Latest && p.DeletedUtc == null && p.Slug == programmeKey, cancellationToken))
        {
            errors["programmeKey"] = "No such programme.";
        }

        var lead = string.IsNullOrWhiteSpace(input.LeadUserId) ? null : input.LeadUserId.Trim();
        if (lead is not null && !await db.Users.AnyAsync(u => u.Id == lead, cancellationToken))
        {
            errors["leadUserId"] = "No such user.";
        }

        var milestones = new List<CohortMilestone>();
        var rows = input.Milestones ?? [];
        if (rows.Count > MaxMilestones)
        {
            errors["milestones"] = FormattedMessage.Create("At most {0} milestones.", MaxMilestones);
            rows = [];
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var path = $"milestones[{i}]";
            var milestoneKey = row.Key?.Trim() ?? string.Empty;
            if (!KeyPattern().IsMatch(milestoneKey))
            {
                errors[$"{path}.key"] = "A key is lower-case letters, digits and dashes, starting with a letter or digit, at most 64.";
            }
            else if (!keys.Add(milestoneKey))
            {
                errors[$"{path}.key"] = "Another milestone has this key.";
            }

            var titleVi = Text(row.TitleVi);
            var titleEn = Text(row.TitleEn);
            if (titleVi.Length == 0)
            {
                errors[$"{path}.title.vi"] = "Enter the Vietnamese title.";
            }
            else if (titleVi.Length > MaxTitle)
            {
                errors[$"{path}.title.vi"] = FormattedMessage.Create("At most {0} characters.", MaxTitle);
            }

            if (titleEn.Length > MaxTitle)
            {
                errors[$"{path}.title.en"] = FormattedMessage.Create("At most {0} characters.", MaxTitle);
            }

            if (row.DueOn is null)
            {
                errors[$"{path}.dueOn"] = "Enter the due date.";
            }
            else if (input.StartsOn is { } starts && row.DueOn < starts)
            {
                errors[$"{path}.dueOn"] = "A milestone falls due on or after the cohort's start.";
            }

            var evidence = Text(row.Evidence);
            if (evidence.Length > MaxText)
            {
                errors[$"{path}.evidence"] = FormattedMessage.Create("At most {0} characters.", MaxText);
            }

            milestones.Add(new CohortMilestone
            {
                Key = milestoneKey, TitleVi = titleVi, TitleEn = titleEn, DueOn = row.DueOn ?? default, Evidence = evidence.Length == 0 ? null : evidence, Position = i,
            });
        }

        return (errors, new CohortValues(key, nameVi, nameEn, programmeKey, cadence, lead, milestones));
    }

    /// <summary>Adds an organisation (a directory entry) to the cohort and moves it to the pipeline's incubating stage.</summary>
    public async Task<CommandResult<CohortMember>> AddMemberAsync(string key, string? organisationId, string? userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { } cohort)
        {
            return CommandResult.NotFound().As<CohortMember>();
        }

        var id = organisationId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return CommandResult.Invalid("organisationId", "Choose an organisation.").As<CohortMember>();
        }

        if (await entries.FindAsync(id, cancellationToken) is null)
        {
            return CommandResult.Invalid("organisationId", "There is no such organisation in the directory.").As<CohortMember>();
        }

        if (await db.Set<CohortMember>().AnyAsync(m => m.CohortId == cohort.Id && m.OrganisationId == id, cancellationToken))
        {
            return CommandResult.Conflict("The organisation is already a member of this cohort.").As<CohortMember>();
        }

        var member = NewMember(cohort, id, userId);
        db.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("The organisation is already a member of this cohort.").As<CohortMember>();
        }

        await MoveAsync(id, IncubatingStage, cohort, userId, cancellationToken);
        return CommandResult.Ok(member);
    }

    /// <summary>
    /// Adds every organisation whose application to the cohort's programme was approved (funded, or closed after its
    /// decision) and that is not a member yet; answers how many joined.
    /// </summary>
    public async Task<CommandResult<int>> AddFromProgrammeAsync(string key, string? userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { } cohort)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (cohort.ProgrammeKey is not { } programmeKey)
        {
            return CommandResult.Conflict("This cohort names no programme.").As<int>();
        }

        var programmeIds = db.Set<Programme>().Where(p => p.Slug == programmeKey && p.Latest).Select(p => p.ContentItemId);
        var members = db.Set<CohortMember>().Where(m => m.CohortId == cohort.Id).Select(m => m.OrganisationId);
        var organisations = await db.Set<SupportApplication>().AsNoTracking()
            .Where(a => programmeIds.Contains(a.ProgrammeId)
                && (a.Status == ApplicationStatuses.Funded || (a.Status == ApplicationStatuses.Closed && a.DecidedUtc != null))
                && !members.Contains(a.OrganisationId))
            .Select(a => a.OrganisationId).Distinct().ToListAsync(cancellationToken);
        var added = new List<string>();
        foreach (var id in organisations.Order(StringComparer.Ordinal))
        {
            if (await entries.FindAsync(id, cancellationToken) is not null)
            {
                db.Add(NewMember(cohort, id, userId));
                added.Add(id);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("Someone else changed this cohort's members at the same time; try again.").As<int>();
        }

        foreach (var id in added)
        {
            await MoveAsync(id, IncubatingStage, cohort, userId, cancellationToken);
        }

        return CommandResult.Ok(added.Count);
    }

    /// <summary>
    /// Records a member's progress on a milestone: done takes evidence, waived takes a reason. A stored
    /// <paramref name="file"/> becomes the milestone's evidence file, replacing the old one (left to the sweep);
    /// without one the old file stays.
    /// </summary>
    public async Task<CommandResult<MemberMilestone>> SetMilestoneAsync(
        string key, string organisationId, string milestoneKey, string? status, string? evidence, string? reason, StoredAttachment? file, string? userId,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { } cohort
            || await db.Set<CohortMember>().FirstOrDefaultAsync(m => m.CohortId == cohort.Id && m.OrganisationId == organisationId, cancellationToken) is not { } member
            || !await db.Set<CohortMilestone>().AnyAsync(m => m.CohortId == cohort.Id && m.Key == milestoneKey, cancellationToken))
        {
            return CommandResult.NotFound().As<MemberMilestone>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = status?.Trim() ?? string.Empty;
        if (!MilestoneStatus.All.Contains(state))
        {
            errors["status"] = "Choose not started, in progress, done or waived.";
        }

        var proof = Text(evidence);
        var why = Text(reason);
        if (proof.Length > MaxText)
        {
            errors["evidence"] = FormattedMessage.Create("At most {0} characters.", MaxText);
        }

        if (why.Length > MaxText)
        {
            errors["reason"] = FormattedMessage.Create("At most {0} characters.", MaxText);
        }
        else if (state == MilestoneStatus.Waived && why.Length == 0)
        {
            errors["reason"] = "Say why the milestone is waived.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<MemberMilestone>();
        }

        var row = await db.Set<MemberMilestone>().FirstOrDefaultAsync(m => m.MemberId == member.Id && m.MilestoneKey == milestoneKey, cancellationToken);
        if (row is null)
        {
            row = new MemberMilestone { MemberId = member.Id, MilestoneKey = milestoneKey };
            db.Add(row);
        }

        row.Status = state;
        row.Evidence = proof.Length == 0 ? null : proof;
        row.WaivedReason = state == MilestoneStatus.Waived ? why : null;
        if (file is not null)
        {
            (row.EvidenceFile, row.EvidenceFileName, row.EvidenceFileType, row.EvidenceFileSize) = (file.StoredName, file.DisplayName, file.ContentType, file.Size);
        }

        row.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = userId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("Someone else changed this milestone at the same time; look at it again and try again.").As<MemberMilestone>();
        }

        return CommandResult.Ok(row);
    }

    /// <summary>A member graduates (pipeline: graduated) or leaves (pipeline: stopped) on a date, with an optional reason.</summary>
    public async Task<CommandResult<CohortMember>> EndAsync(
        string key, string organisationId, bool graduated, DateOnly? on, string? reason, string? userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { } cohort
            || await db.Set<CohortMember>().FirstOrDefaultAsync(m => m.CohortId == cohort.Id && m.OrganisationId == organisationId, cancellationToken) is not { } member)
        {
            return CommandResult.NotFound().As<CohortMember>();
        }

        if (member.Status != MemberStatus.Active)
        {
            return CommandResult.Conflict(member.Status == MemberStatus.Graduated ? "The organisation has already graduated." : "The organisation has already left.").As<CohortMember>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (on is null)
        {
            errors["on"] = "Enter the date.";
        }
        else if (on < member.JoinedOn)
        {
            errors["on"] = "The date cannot be before the organisation joined.";
        }

        var why = Text(reason);
        if (why.Length > MaxText)
        {
            errors["reason"] = FormattedMessage.Create("At most {0} characters.", MaxText);
        }
        else if (!graduated && why.Length == 0)
        {
            errors["reason"] = "Say why the organisation leaves.";
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<CohortMember>();
        }

        member.Status = graduated ? MemberStatus.Graduated : MemberStatus.Left;
        member.EndedOn = on;
        member.EndedUtc = clock.GetUtcNow().UtcDateTime;
        member.Reason = why.Length == 0 ? null : why;
        member.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("Someone else changed this member at the same time; look at it again and try again.").As<CohortMember>();
        }

        await MoveAsync(organisationId, graduated ? GraduatedStage : StoppedStage, cohort, userId, cancellationToken);
        return CommandResult.Ok(member);
    }

    public Task<Cohort?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Set<Cohort>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);

    private CohortMember NewMember(Cohort cohort, string organisationId, string? userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Core.Time.VietnamTime.ToLocal(now));
        return new CohortMember
        {
            CohortId = cohort.Id, OrganisationId = organisationId, JoinedOn = today < cohort.StartsOn ? cohort.StartsOn : today, JoinedUtc = now, AddedBy = userId,
            Status = MemberStatus.Active, RowVersion = 1,
        };
    }

    /// <summary>
    /// Moves the organisation's pipeline stage, noting the cohort. A move the pipeline refuses (already in that stage,
    /// a stage the site's taxonomy lacks, another move at the same time) leaves the stage as it is: the membership stands.
    /// </summary>
    private async Task MoveAsync(string organisationId, string stage, Cohort cohort, string? userId, CancellationToken cancellationToken)
    {
        var result = await move.MoveAsync(new MoveOrganisationRequest(organisationId, stage, cohort.NameVi), userId, cancellationToken);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
        }
    }

    private static string Text(string? value) => VietnameseText.ToNfc(value?.Trim()) ?? string.Empty;

    /// <summary>The same pattern as the other keys of the site (targets): lower-case letters, digits and dashes.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
