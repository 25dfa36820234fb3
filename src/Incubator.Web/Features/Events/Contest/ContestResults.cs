using System.Globalization;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Contest;

/// <summary>One entry of a contest's round as the results page shows it.</summary>
internal sealed record ContestEntryRow(
    string ApplicationId, string Title, string OrganisationId, string? OrganisationName, string Status, DateTime? SubmittedUtc,
    ContestPrize Prize, bool SentToNational, bool AppliedInProduction, bool HasResult);

/// <summary>
/// A contest's entry round and its results. The entries are the applications to the contest's programme (its form, its
/// rubric, its workflow and council: the machinery every programme uses); staff record what each won here, and each
/// result is written in the same save to the contest-entry record the province's targets count, keyed by the entry.
/// </summary>
internal sealed class ContestResults(IncubatorDbContext db, DirectoryEntries entries, People.OrganisationNames organisationNames, TimeProvider clock)
{
    public const int MaxEntries = 500;

    /// <summary>The contest-entry record's key for an application: stable, so a changed result updates the same record.</summary>
    public static string EntryKey(string applicationId) => "contest-" + applicationId;

    /// <summary>The contest's round as the records name it: the event's year (which the targets date it by), then its address.</summary>
    public static string Round(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var round = VietnamTime.ToLocal(item.StartsUtc).Year.ToString(CultureInfo.InvariantCulture) + "-" + item.Slug;
        return round.Length > ContestEntry.RoundMaxLength ? round[..ContestEntry.RoundMaxLength].TrimEnd('-') : round;
    }

    /// <summary>The programme of a contest's round (its latest version), or null when the event opens none.</summary>
    public Task<Programmes.Programme?> ProgrammeAsync(Event item, CancellationToken cancellationToken) =>
        item.Kind != EventKinds.Contest || item.ProgrammeKey is null
            ? Task.FromResult<Programmes.Programme?>(null)
            : db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == item.ProgrammeKey && p.Latest && p.DeletedUtc == null, cancellationToken);

    /// <summary>The submitted entries (no drafts), oldest first, with what each has won so far; only that one when <paramref name="applicationId"/> is given.</summary>
    public async Task<IReadOnlyList<ContestEntryRow>> EntriesAsync(Event item, CancellationToken cancellationToken, string? applicationId = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await ProgrammeAsync(item, cancellationToken) is not { } programme)
        {
            return [];
        }

        var query = db.Applications.AsNoTracking().Where(a => a.ProgrammeId == programme.ContentItemId && a.Status != ApplicationStatuses.Draft);
        if (applicationId is not null)
        {
            query = query.Where(a => a.Id == applicationId);
        }

        var applications = await query
            .OrderBy(a => a.SubmittedUtc).ThenBy(a => a.Id).Take(MaxEntries)
            .Select(a => new { a.Id, a.Title, a.OrganisationId, a.Status, a.SubmittedUtc })
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToList();
        var results = await db.Set<ContestResult>().AsNoTracking().Where(r => r.EventId == item.ContentItemId && ids.Contains(r.ApplicationId))
            .ToDictionaryAsync(r => r.ApplicationId, cancellationToken);
        var names = await organisationNames.ListAsync([.. applications.Select(a => a.OrganisationId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. applications.Select(a =>
        {
            var result = results.GetValueOrDefault(a.Id);
            return new ContestEntryRow(a.Id, a.Title, a.OrganisationId, names.GetValueOrDefault(a.OrganisationId)?.Title, a.Status, a.SubmittedUtc,
                result?.Prize ?? ContestPrize.None, result?.SentToNational ?? false, result?.AppliedInProduction ?? false, result is not null);
        })];
    }

    /// <summary>Records what an entry won and writes it to its contest-entry record, in one save.</summary>
    public async Task<CommandResult<ContestResult>> SetAsync(
        string slug, string applicationId, string? prize, bool sentToNational, bool appliedInProduction, string? userId, CancellationToken cancellationToken)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Latest && e.DeletedUtc == null, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().As<ContestResult>();
        }

        if (await ProgrammeAsync(item, cancellationToken) is not { } programme)
        {
            return CommandResult.Conflict("This event opens no contest round: make it a contest with a programme first.").As<ContestResult>();
        }

        if (ParsePrize(prize) is not { } parsed)
        {
            return CommandResult.Invalid("prize", "Choose the prize: first, second, third, consolation or none.").As<ContestResult>();
        }

        var application = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == applicationId && a.ProgrammeId == programme.ContentItemId && a.Status != ApplicationStatuses.Draft, cancellationToken);
        if (application is null)
        {
            return CommandResult.NotFound().As<ContestResult>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = await db.Set<ContestResult>().FirstOrDefaultAsync(r => r.EventId == item.ContentItemId && r.ApplicationId == applicationId, cancellationToken);
        if (result is null)
        {
            result = new ContestResult { EventId = item.ContentItemId, ApplicationId = applicationId };
            db.Add(result);
        }

        result.Prize = parsed;
        result.SentToNational = sentToNational;
        result.AppliedInProduction = appliedInProduction;
        result.UpdatedUtc = now;
        result.UpdatedBy = userId;

        var key = EntryKey(applicationId);
        var record = await db.ContestEntries.FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (record is null)
        {
            record = new ContestEntry { Key = key, CreatedUtc = now };
            db.Add(record);
        }

        var organisation = await entries.FindAsync(application.OrganisationId, cancellationToken);
        record.Title = Cut(application.Title, ContestEntry.TitleMaxLength);
        record.Authors = Cut(organisation?.Name ?? application.Title, ContestEntry.TextMaxLength);
        record.Round = Round(item);
        record.Locality = organisation?.Locality;
        // The records keep one result per entry; the national contest is the furthest an entry can go, and the prize it
        // won here is kept in the note (and in full on the contest's results page).
        record.Result = sentToNational ? Records.ContestResult.QualifiedNational : Record(parsed);
        record.AppliedInProduction = appliedInProduction;
        record.Notes = Cut($"{item.Title}: {PrizeNote(parsed)}{(sentToNational ? "; gửi dự thi toàn quốc" : string.Empty)}", RecordBase.NotesMaxLength);
        record.UpdatedUtc = now;
        record.UpdatedBy = userId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another officer recorded the same entry's first result at the same moment: theirs stands; say so.
            db.ChangeTracker.Clear();
            return CommandResult.Conflict("Someone recorded this entry's result at the same time; reload and check it.").As<ContestResult>();
        }

        return CommandResult.Ok(result);
    }

    public static ContestPrize? ParsePrize(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "first" => ContestPrize.First,
        "second" => ContestPrize.Second,
        "third" => ContestPrize.Third,
        "consolation" => ContestPrize.Consolation,
        "none" or "" or null => ContestPrize.None,
        _ => null,
    };

    public static string PrizeCode(ContestPrize prize) => prize.ToString().ToLowerInvariant();

    private static Records.ContestResult Record(ContestPrize prize) => prize switch
    {
        ContestPrize.First => Records.ContestResult.First,
        ContestPrize.Second => Records.ContestResult.Second,
        ContestPrize.Third => Records.ContestResult.Third,
        ContestPrize.Consolation => Records.ContestResult.Consolation,
        _ => Records.ContestResult.None,
    };

    private static string PrizeNote(ContestPrize prize) => prize switch
    {
        ContestPrize.First => "giải nhất",
        ContestPrize.Second => "giải nhì",
        ContestPrize.Third => "giải ba",
        ContestPrize.Consolation => "giải khuyến khích",
        _ => "không đạt giải",
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
