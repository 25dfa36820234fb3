using System.Globalization;
using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// What people read for a workflow type, its steps and its outcomes, in the current UI language (the request's, or
/// the language an e-mail is being written in). An instance runs on the version it started on; a version installed
/// before names existed borrows the name that its key's newest version gives the same id, so a site that installs a
/// named version reads names in its old instances' history too. What no version names reads as a built-in label or
/// as the id made readable ("status-in-review" as "Status in review"), never as a bare id where a name exists.
/// </summary>
internal sealed class WorkflowNames(WorkflowType pinned, WorkflowType? newest, IStringLocalizer localizer)
{
    /// <summary>The version the names are for.</summary>
    public WorkflowType Type => pinned;

    /// <summary>The names of <paramref name="type"/>, borrowing from its key's newest version when that is another.</summary>
    public static async Task<WorkflowNames> ForAsync(IncubatorDbContext db, WorkflowType type, IStringLocalizer localizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(type);
        var newer = await db.WorkflowTypes.AsNoTracking()
            .Where(t => t.Key == type.Key && t.Version > type.Version)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return new WorkflowNames(type, newer?.ToWorkflowType(), localizer);
    }

    /// <summary>The names of the version an instance runs on.</summary>
    public static async Task<WorkflowNames> ForAsync(IncubatorDbContext db, string key, int version, IStringLocalizer localizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = await db.WorkflowTypes.AsNoTracking().SingleAsync(t => t.Key == key && t.Version == version, cancellationToken);
        return await ForAsync(db, record.ToWorkflowType(), localizer, cancellationToken);
    }

    /// <summary>Every installed type's name by key, as its newest version gives it.</summary>
    public static async Task<Dictionary<string, string>> TypeNamesAsync(IncubatorDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.WorkflowTypes.AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new WorkflowNames(g.MaxBy(r => r.Version)!.ToWorkflowType(), null, localizer).TypeName(),
            StringComparer.Ordinal);
    }

    /// <summary>The type's name.</summary>
    public string TypeName() => Pick(pinned.Name, newest?.Name) ?? Readable(pinned.Key);

    /// <summary>An activity's name; an empty id (a whole-instance step such as a cancellation) is the workflow itself.</summary>
    public string Activity(string activityId)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return localizer["Workflow"];
        }

        return Pick(pinned.FindActivity(activityId)?.Name, newest?.FindActivity(activityId)?.Name) ?? Readable(activityId);
    }

    /// <summary>What an activity's outcome reads as: a user task's named outcome, or the built-in outcomes' labels.</summary>
    public string Outcome(string activityId, string outcome)
    {
        var named = Pick(OutcomeOf(pinned, activityId, outcome)?.DisplayName, newest is null ? null : OutcomeOf(newest, activityId, outcome)?.DisplayName);
        if (named is not null)
        {
            return named;
        }

        string builtIn = outcome switch
        {
            WorkflowOutcomes.Done => localizer["Done"],
            WorkflowOutcomes.True => localizer["Yes"],
            WorkflowOutcomes.False => localizer["No"],
            WorkflowOutcomes.Elapsed => localizer["Time is up"],
            WorkflowOutcomes.Received => localizer["Received"],
            "started" => localizer["Started"],
            "cancelled" => localizer["Cancelled"],
            "retried" => localizer["Retried"],
            "faulted" => localizer["Faulted"],
            _ => WorkflowLabels.Action(localizer, outcome),
        };
        return builtIn == outcome ? Readable(outcome) : builtIn;
    }

    /// <summary>The label of an action button: the outcome's name in the task of this version that offers it.</summary>
    public string Action(UserTaskOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var task = pinned.Activities.OfType<UserTaskActivity>().FirstOrDefault(t => t.Outcomes.Contains(outcome))
            ?? pinned.Activities.OfType<UserTaskActivity>().FirstOrDefault(t => t.Outcomes.Any(o => o.Name == outcome.Name));
        return task is null ? Pick(outcome.DisplayName, null) ?? Outcome(string.Empty, outcome.Name) : Outcome(task.Id, outcome.Name);
    }

    /// <summary>
    /// The step a history entry records, as "activity: outcome" for a person's action and as the activity's name for
    /// what the system did.
    /// </summary>
    public string Step(WorkflowHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return pinned.FindActivity(entry.ActivityId) is UserTaskActivity
            ? localizer["{0}: {1}", Activity(entry.ActivityId), Outcome(entry.ActivityId, entry.Outcome)]
            : Activity(entry.ActivityId);
    }

    private static UserTaskOutcome? OutcomeOf(WorkflowType type, string activityId, string outcome) =>
        (type.FindActivity(activityId) as UserTaskActivity)?.Outcomes.FirstOrDefault(o => o.Name == outcome);

    /// <summary>A name written in the reader's language (this version's, then the newest's), else any text either has.</summary>
    private static string? Pick(WorkflowName? own, WorkflowName? borrowed)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return own?.InLanguage(language) ?? borrowed?.InLanguage(language) ?? own?.AnyText() ?? borrowed?.AnyText();
    }

    /// <summary>An id people can read when nothing names it: words instead of dashes, capitalised.</summary>
    internal static string Readable(string id)
    {
        var words = id.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
