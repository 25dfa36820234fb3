using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>Where a mailing stands, from its recipient rows and the outbox's outcomes of the e-mails they became.</summary>
internal sealed record MailingProgress(int Recipients, int Pending, int Queued, int Sent, int Failed, int Unsubscribed)
{
    public static async Task<MailingProgress> ReadAsync(IncubatorDbContext db, string mailingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var recipients = db.Set<MailingRecipient>().Where(r => r.MailingId == mailingId);
        var states = await recipients.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var unsubscribed = await recipients.CountAsync(r => r.UnsubscribedUtc != null, cancellationToken);
        var outcomes = await recipients.Where(r => r.OutboxEmailId != null)
            .Join(db.OutboxEmails, r => r.OutboxEmailId, e => (long?)e.Id, (r, e) => new { e.SentUtc, e.Attempts })
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Sent = g.Count(e => e.SentUtc != null),
                Failed = g.Count(e => e.SentUtc == null && e.Attempts >= OutboxDeliveryService.MaxAttempts),
            })
            .FirstOrDefaultAsync(cancellationToken);
        int Of(RecipientState state) => states.FirstOrDefault(s => s.Key == state)?.Count ?? 0;
        return new MailingProgress(states.Sum(s => s.Count), Of(RecipientState.Pending), Of(RecipientState.Queued), outcomes?.Sent ?? 0, outcomes?.Failed ?? 0, unsubscribed);
    }
}
