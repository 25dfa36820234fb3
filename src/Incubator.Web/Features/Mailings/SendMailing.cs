using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// Sends a draft: fixes its recipients, the segment's members who have consented to the newsletter now, one row per
/// distinct e-mail, and marks it sending in the same transaction, so a mailing is sent once whoever presses first.
/// The feeder (<see cref="MailingFeeder"/>) then hands the rows to the e-mail outbox at the hourly pace.
/// </summary>
internal sealed class SendMailing(IncubatorDbContext db, SegmentMembers members, TimeProvider clock)
{
    /// <returns>The number of recipients.</returns>
    public async Task<CommandResult<int>> SendAsync(string id, string? userId, CancellationToken cancellationToken)
    {
        var mailing = await db.Set<Mailing>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mailing is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (mailing.Status != MailingStatus.Draft)
        {
            return CommandResult.Conflict("This mailing was already sent.").As<int>();
        }

        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == mailing.SegmentId, cancellationToken);
        if (segment is null)
        {
            return CommandResult.Invalid("segmentId", "Choose a segment.").As<int>();
        }

        var people = await members.AllAsync(SegmentFilter.FromJson(segment.FilterJson), consentedOnly: true, cancellationToken);
        var english = new HashSet<string>(StringComparer.Ordinal);
        if (MailingEmails.HasEnglish(mailing))
        {
            foreach (var chunk in people.Select(p => p.UserId).OfType<string>().Distinct().Chunk(500))
            {
                english.UnionWith(await db.Users.Where(u => chunk.Contains(u.Id) && u.Language == UserLanguage.English).Select(u => u.Id).ToListAsync(cancellationToken));
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<MailingRecipient>(people.Count);
        foreach (var person in people)
        {
            if (string.IsNullOrWhiteSpace(person.Email) || !seen.Add(person.Email.Trim()))
            {
                continue;
            }

            recipients.Add(new MailingRecipient
            {
                MailingId = id,
                PersonId = person.PersonId,
                Email = person.Email.Trim(),
                Name = person.Name,
                OrganisationName = person.Organisation is { Length: > 300 } lengthy ? lengthy[..300] : person.Organisation,
                Language = person.UserId is not null && english.Contains(person.UserId) ? UserLanguage.English : UserLanguage.Vietnamese,
                State = RecipientState.Pending,
            });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Set<Mailing>().Where(m => m.Id == id && m.Status == MailingStatus.Draft).ExecuteUpdateAsync(
            u => u.SetProperty(m => m.Status, MailingStatus.Sending).SetProperty(m => m.SentUtc, now).SetProperty(m => m.SentBy, userId), cancellationToken);
        if (marked != 1)
        {
            return CommandResult.Conflict("This mailing was already sent.").As<int>();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(recipients);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Ok(recipients.Count);
    }
}
