using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.People;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// Hands sending mailings' recipients to the e-mail outbox, at most <see cref="MailingsOptions.PerHour"/> in any hour
/// across all instances. One instance feeds at a time (the <c>mailings-feed</c> row of JobLeases), so the hour's count
/// it reads is the truth; each recipient moves from pending with its concurrency token in the same transaction as
/// its e-mail, so it is queued once even if a lease lapsed mid-batch. Consent is read again just before queuing: a
/// person who unsubscribed since the send is skipped and counted as unsubscribed.
/// </summary>
internal sealed class MailingFeeder(IServiceScopeFactory scopes, IOptions<MailingsOptions> options, TimeProvider clock, ILogger<MailingFeeder> logger)
    : PeriodicBackgroundService(logger)
{
    public const string Job = "mailings-feed";
    private const int BatchSize = 500;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override TimeSpan Interval => options.Value.FeedInterval;

    protected override Task TickAsync(CancellationToken cancellationToken) => FeedAsync(cancellationToken);

    /// <returns>How many recipients this tick queued; zero when another instance held the lease.</returns>
    internal async Task<int> FeedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var emails = scope.ServiceProvider.GetRequiredService<MailingEmails>();
        var claim = await JobLeases.TryClaimAsync(db, Job, _instance, clock.GetUtcNow().UtcDateTime, Lease, null, cancellationToken);
        if (claim is null)
        {
            return 0;
        }

        var queued = 0;
        string? result = null;
        try
        {
            var templates = new Dictionary<string, MailingEmails.Template>(StringComparer.Ordinal);
            while (true)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var hourAgo = now.AddHours(-1);
                var allowance = options.Value.PerHour - await db.Set<MailingRecipient>().CountAsync(r => r.QueuedUtc > hourAgo && r.QueuedUtc <= now, cancellationToken);
                if (allowance <= 0)
                {
                    break;
                }

                var batch = await db.Set<MailingRecipient>()
                    .Where(r => r.State == RecipientState.Pending && db.Set<Mailing>().Any(m => m.Id == r.MailingId && m.Status == MailingStatus.Sending))
                    .OrderBy(r => r.Id).Take(Math.Min(allowance, BatchSize)).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    await FinishAsync(db, now, cancellationToken);
                    break;
                }

                queued += await QueueAsync(db, emails, templates, batch, now, cancellationToken);
                db.ChangeTracker.Clear();
                if (!await JobLeases.RenewAsync(db, claim, clock.GetUtcNow().UtcDateTime + Lease, cancellationToken))
                {
                    // Another instance took the lapsed lease; it carries on from the rows this one left pending.
                    return queued;
                }
            }

            result = $"queued {queued}";
            return queued;
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, claim, clock.GetUtcNow().UtcDateTime, result ?? "failed", CancellationToken.None);
        }
    }

    private static async Task<int> QueueAsync(
        IncubatorDbContext db, MailingEmails emails, Dictionary<string, MailingEmails.Template> templates, List<MailingRecipient> batch, DateTime now, CancellationToken cancellationToken)
    {
        var personIds = batch.Select(r => r.PersonId).Distinct().ToList();
        var consenting = (await SegmentMembers.Consenting(db, db.Set<Person>().Where(p => personIds.Contains(p.Id)), given: true)
            .Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var mailingId in batch.Select(r => r.MailingId).Distinct().Where(m => !templates.ContainsKey(m)).ToList())
        {
            templates[mailingId] = emails.Prepare(await db.Set<Mailing>().AsNoTracking().SingleAsync(m => m.Id == mailingId, cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outgoing = new List<(MailingRecipient Recipient, OutboxEmail Email)>();
        foreach (var recipient in batch)
        {
            recipient.Version++;
            if (consenting.Contains(recipient.PersonId))
            {
                var email = emails.Compose(templates[recipient.MailingId], recipient, now);
                db.OutboxEmails.Add(email);
                outgoing.Add((recipient, email));
            }
            else
            {
                recipient.State = RecipientState.Unsubscribed;
                recipient.UnsubscribedUtc = now;
            }
        }

        // The e-mails first, for their ids, with the recipients' rows checked by their concurrency token: a row another
        // instance moved meanwhile fails the whole batch, e-mails included.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (recipient, email) in outgoing)
            {
                recipient.State = RecipientState.Queued;
                recipient.QueuedUtc = now;
                recipient.OutboxEmailId = email.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return outgoing.Count;
    }

    /// <summary>Mailings with nobody left pending are sent.</summary>
    private static Task<int> FinishAsync(IncubatorDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.Set<Mailing>().Where(m => m.Status == MailingStatus.Sending && !db.Set<MailingRecipient>().Any(r => r.MailingId == m.Id && r.State == RecipientState.Pending))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MailingStatus.Sent).SetProperty(m => m.FinishedUtc, now), cancellationToken);
}
