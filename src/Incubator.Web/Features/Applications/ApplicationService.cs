using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>How a change to an application ended. Anything but <see cref="ApplicationOutcome.Ok"/> changed nothing.</summary>
internal enum ApplicationOutcome
{
    Ok,
    NotFound,
    Invalid,

    /// <summary>The application is not in a state that allows it, or another save won a race (HTTP 409).</summary>
    Conflict,
}

internal sealed record ApplicationResult(ApplicationOutcome Outcome, SupportApplication? Application, IReadOnlyDictionary<string, string> Errors)
{
    public static ApplicationResult Ok(SupportApplication application) => new(ApplicationOutcome.Ok, application, new Dictionary<string, string>());

    public static ApplicationResult Fail(ApplicationOutcome outcome, string field, string message, SupportApplication? application = null) =>
        new(outcome, application, new Dictionary<string, string> { [field] = message });

    /// <summary>The site's one answer for a command; a conflict names its fields and carries the application concerned.</summary>
    public CommandResult<SupportApplication> ToCommandResult() => Outcome switch
    {
        ApplicationOutcome.Ok => CommandResult.Ok(Application!),
        ApplicationOutcome.NotFound => CommandResult.NotFound().As<SupportApplication>(),
        ApplicationOutcome.Conflict => CommandResult.Conflict(null, Errors).As(Application),
        _ => CommandResult.Invalid(Errors).As<SupportApplication>(),
    };
}

/// <summary>
/// An applicant's side of a support application: start it for one of their organisations, fill it in (a draft, saved
/// as often as they like), submit it once within the round, and answer staff's request for information.
/// </summary>
internal sealed class ApplicationService(IncubatorDbContext db, OrganisationAccess organisations, ProgrammeService programmes, WorkflowService workflows, Taxonomies.TaxonomyService taxonomies, TimeProvider clock)
{
    public const string SubmittedEvent = "application-submitted";
    public const string InformationSuppliedEvent = "information-supplied";

    /// <summary>The key under which the requested amount can be reopened by staff, next to the form's field keys.</summary>
    public const string RequestedAmountField = "requestedAmount";

    /// <summary>The application if the user owns it; null otherwise, as if it did not exist.</summary>
    public Task<SupportApplication?> FindOwnedAsync(string id, string userId, CancellationToken cancellationToken = default) =>
        db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);

    public async Task<ApplicationResult> CreateAsync(string? programmeId, string? organisationId, string userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(programmeId) || await programmes.PublishedAsync(programmeId, cancellationToken) is not { } programme)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Invalid, "programmeId", "No such programme.");
        }

        if (string.IsNullOrWhiteSpace(organisationId) || await organisations.FindOwnedAsync(userId, organisationId, cancellationToken) is not var (type, organisation))
        {
            return ApplicationResult.Fail(ApplicationOutcome.Invalid, "organisationId", "Choose one of your own organisations.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (programme.OpenRound(now) is not { } round)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Invalid, "programmeId", "This programme takes no applications now.");
        }

        if (await EligibilityAsync(programme, type.Name, organisation, now, cancellationToken) is { } notEligible)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Invalid, "organisationId", notEligible);
        }

        var existing = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ProgrammeId == programme.ContentItemId && a.RoundKey == round.Key && a.OrganisationId == organisation.ContentItemId, cancellationToken);
        if (existing is not null)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "organisationId", "This organisation already has an application in this round.", existing);
        }

        var application = new SupportApplication
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            ProgrammeId = programme.ContentItemId,
            RoundKey = round.Key,
            OrganisationId = organisation.ContentItemId,
            OrganisationKind = type.Name,
            OwnerId = userId,
            Title = $"{organisation.Title} — {programme.Title}",
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return ApplicationResult.Ok(application);
    }

    /// <summary>
    /// Saves answers (a JSON null clears one) and the requested amount. A draft takes any field; while staff request
    /// information, only the fields they reopened; otherwise nothing.
    /// </summary>
    public async Task<ApplicationResult> UpdateAsync(string id, string userId, IReadOnlyDictionary<string, JsonElement>? answers, long? requestedAmount, bool clearAmount, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        if (application is null)
        {
            return new ApplicationResult(ApplicationOutcome.NotFound, null, new Dictionary<string, string>());
        }

        var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        if (programme is null)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "programmeId", "The programme no longer exists.", application);
        }

        answers ??= new Dictionary<string, JsonElement>();
        var changesAmount = requestedAmount is not null || clearAmount;
        if (application.Status == ApplicationStatuses.InformationRequested)
        {
            var closed = answers.Keys.Where(k => !application.ReopenedFields.Contains(k)).Select(k => $"answers.{k}").ToList();
            if (changesAmount && !application.ReopenedFields.Contains(RequestedAmountField))
            {
                closed.Add(RequestedAmountField);
            }

            if (closed.Count > 0)
            {
                return new ApplicationResult(ApplicationOutcome.Conflict, application, closed.ToDictionary(c => c, _ => "Staff did not reopen this field."));
            }
        }
        else if (application.Status != ApplicationStatuses.Draft)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "status", "A submitted application cannot be changed.", application);
        }

        var errors = ApplicationForm.CheckTypes(application.FormUnder(programme), answers);
        if (requestedAmount is < 0 || requestedAmount > programme.MaxPerApplication)
        {
            errors[RequestedAmountField] = "The requested amount must be between 0 and the programme's maximum per application.";
        }

        if (errors.Count > 0)
        {
            return new ApplicationResult(ApplicationOutcome.Invalid, application, errors);
        }

        var stored = application.Answers;
        foreach (var (key, value) in answers)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                stored.Remove(key);
            }
            else
            {
                stored[key] = ApplicationForm.Normalise(value);
            }
        }

        application.Answers = stored;
        if (changesAmount)
        {
            application.RequestedAmount = clearAmount ? null : requestedAmount;
        }

        return await SaveAsync(application, cancellationToken);
    }

    /// <summary>
    /// Submits a draft within its round, or resubmits after a request for information. Saved with the workflow step it
    /// starts or resumes; a second submission of the same version (a double click) is a conflict and changes nothing.
    /// </summary>
    public async Task<ApplicationResult> SubmitAsync(string id, string userId, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        if (application is null)
        {
            return new ApplicationResult(ApplicationOutcome.NotFound, null, new Dictionary<string, string>());
        }

        if (application.Status is not (ApplicationStatuses.Draft or ApplicationStatuses.InformationRequested))
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "status", "This application was already submitted.", application);
        }

        var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        if (programme is null)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "programmeId", "The programme no longer exists.", application);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await RefusalAsync(application, programme, now, cancellationToken) is { } refused)
        {
            return refused;
        }

        var first = application.Status == ApplicationStatuses.Draft;
        if (first)
        {
            application.Status = ApplicationStatuses.Submitted;
            application.SubmittedUtc = now;

            // The application keeps the form it was completed on: a later change of the programme's form cannot make
            // its answers unreadable, nor its files belong to no field.
            application.FormJson = programme.FormJson;
            application.StatusChangedUtc = now;
        }

        var touched = await workflows.RaiseAsync(first ? SubmittedEvent : InformationSuppliedEvent, ApplicationWorkflowItems.Kind, application.Id, userId, cancellationToken);
        if (!first && touched.Count == 0)
        {
            db.ChangeTracker.Clear();
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "status", "Nothing waits for this information any more.", application);
        }

        return await SaveAsync(application, cancellationToken);
    }

    /// <summary>
    /// Whether the owner's application could be submitted (or its information sent) now, changing nothing: what the
    /// "check your answers" step asks before it offers the one-way submission. Ok, or the problems
    /// <see cref="SubmitAsync"/> would answer.
    /// </summary>
    public async Task<ApplicationResult> CheckReadyAsync(string id, string userId, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        if (application is null)
        {
            return new ApplicationResult(ApplicationOutcome.NotFound, null, new Dictionary<string, string>());
        }

        if (application.Status is not (ApplicationStatuses.Draft or ApplicationStatuses.InformationRequested))
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "status", "This application was already submitted.", application);
        }

        var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        if (programme is null)
        {
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "programmeId", "The programme no longer exists.", application);
        }

        return await RefusalAsync(application, programme, clock.GetUtcNow().UtcDateTime, cancellationToken) ?? ApplicationResult.Ok(application);
    }

    /// <summary>What stands in the way of a submission: a draft's round not open, a required answer, file or amount missing.</summary>
    private async Task<ApplicationResult?> RefusalAsync(SupportApplication application, Programme programme, DateTime now, CancellationToken cancellationToken)
    {
        var round = programme.Rounds.FirstOrDefault(r => r.Key == application.RoundKey);
        if (application.Status == ApplicationStatuses.Draft && (round is null || !round.IsOpenAt(now)))
        {
            return ApplicationResult.Fail(ApplicationOutcome.Invalid, "round", now < round?.OpensAt ? "This round is not open yet." : "This round closed; the application is late.", application);
        }

        var files = await db.ApplicationAttachments.Where(a => a.ApplicationId == application.Id).Select(a => a.FieldKey).Distinct().ToListAsync(cancellationToken);
        var errors = ApplicationForm.CheckComplete(application.FormUnder(programme), application.Answers, files);
        if (application.RequestedAmount is not > 0)
        {
            errors[RequestedAmountField] = "Give the amount of support you request.";
        }
        else if (application.RequestedAmount > programme.MaxPerApplication)
        {
            errors[RequestedAmountField] = "The requested amount must be between 0 and the programme's maximum per application.";
        }

        return errors.Count > 0 ? new ApplicationResult(ApplicationOutcome.Invalid, application, errors) : null;
    }

    /// <summary>Why the organisation may not apply, or null when it may.</summary>
    private async Task<string?> EligibilityAsync(Programme programme, string kind, DirectoryProfile organisation, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (!programme.EligibleKinds.Contains(kind))
        {
            return "This programme is not open to this kind of organisation.";
        }

        if (programme.EligibleLocalities.Count > 0)
        {
            var localities = await taxonomies.LocalitiesAsync(cancellationToken);
            if (!localities.ContainsAny(programme.EligibleLocalities, organisation.Locality))
            {
                return "This programme is open only to organisations in the localities it names; set your organisation's locality.";
            }
        }

        if (programme.MaxOrganisationAgeYears is { } years)
        {
            DateOnly? founded = organisation switch
            {
                Startup startup => startup.FoundedOn,
                Enterprise enterprise => enterprise.CertificateDate,
                _ => null,
            };
            var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
            if (founded is null)
            {
                return "This programme limits the organisation's age; add its founding date to the profile.";
            }

            if (founded.Value.AddYears(years) < today)
            {
                return "The organisation is older than this programme allows.";
            }
        }

        return null;
    }

    private async Task<ApplicationResult> SaveAsync(SupportApplication application, CancellationToken cancellationToken)
    {
        application.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        application.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ApplicationResult.Ok(application);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ApplicationResult.Fail(ApplicationOutcome.Conflict, "status", "Someone else changed this application at the same time; reload it and try again.");
        }
    }
}
