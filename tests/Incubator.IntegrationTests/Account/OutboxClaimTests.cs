using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Incubator.IntegrationTests.Account;

/// <summary>
/// The outbox claims each e-mail before sending it: two web instances over one database send every e-mail once, and
/// an e-mail whose claim lapsed (its instance stopped mid-delivery) is taken over, while one whose claim holds is not.
/// </summary>
public sealed class OutboxClaimTests(Sites sites) : IClassFixture<Sites>
{
    [PostgresFact]
    public async Task Should_send_each_of_200_queued_emails_exactly_once_when_two_web_instances_deliver_together()
    {
        // Both delivery loops are off: the test runs the ticks of both instances itself, side by side.
        using var first = new SiteFactory(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Email:DeliveryInterval"] = "00:00:00" });
        _ = first.Server;
        using var second = new SiteFactory(first);
        _ = second.Server;
        var batch = Guid.NewGuid().ToString("N")[..8];
        var addresses = Enumerable.Range(0, 200).Select(i => $"two-{batch}-{i}@test.local").ToList();
        await QueueAsync(first, addresses);

        await Task.WhenAll(DrainAsync(first, addresses), DrainAsync(second, addresses));

        var delivered = Delivered(first.MailFolder, batch).Concat(Delivered(second.MailFolder, batch)).ToList();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        var rows = await first.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => addresses.Contains(e.To)).ToListAsync());
        Assert.All(rows, row => Assert.Equal((1, (string?)null, (DateTime?)null), (row.Attempts, row.ClaimedBy, row.ClaimedUntilUtc)));
        Assert.All(rows, row => Assert.NotNull(row.SentUtc));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_over_an_email_whose_claim_lapsed_but_not_one_whose_claim_holds(DatabaseProvider provider)
    {
        var site = sites[provider];
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var batch = Guid.NewGuid().ToString("N")[..8];
        var (lapsed, held) = ($"lapsed-{batch}@test.local", $"held-{batch}@test.local");
        // Both were claimed by an instance that stopped before recording the outcome: one claim ran out a second ago,
        // the other holds for five more minutes.
        await site.QueryAsync(async db =>
        {
            db.OutboxEmails.AddRange(
                new OutboxEmail { To = lapsed, Subject = "Lapsed", HtmlBody = "<p>lapsed</p>", CreatedUtc = now, Attempts = 1, Version = 1, ClaimedBy = "stopped", ClaimedUntilUtc = now.AddSeconds(-1) },
                new OutboxEmail { To = held, Subject = "Held", HtmlBody = "<p>held</p>", CreatedUtc = now, Attempts = 1, Version = 1, ClaimedBy = "stopped", ClaimedUntilUtc = now.AddMinutes(5) });
            return await db.SaveChangesAsync();
        });
        var delivery = site.Services.GetRequiredService<OutboxDeliveryService>();

        await delivery.RunOnceAsync();

        Assert.Equal([lapsed], Delivered(site.MailFolder, batch));
        var (lapsedRow, heldRow) = await RowsAsync(site, lapsed, held);
        Assert.Equal((2, (string?)null), (lapsedRow.Attempts, lapsedRow.ClaimedBy));
        Assert.NotNull(lapsedRow.SentUtc);
        Assert.Equal((1, "stopped", (DateTime?)null), (heldRow.Attempts, heldRow.ClaimedBy, heldRow.SentUtc));

        using (site.Clock.FreezeAt(now.AddMinutes(5).AddSeconds(1)))
        {
            await delivery.RunOnceAsync();
        }

        Assert.Equal([held, lapsed], Delivered(site.MailFolder, batch).Order(StringComparer.Ordinal));
        (_, heldRow) = await RowsAsync(site, lapsed, held);
        Assert.Equal((2, (string?)null), (heldRow.Attempts, heldRow.ClaimedBy));
        Assert.NotNull(heldRow.SentUtc);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_try_a_failed_email_again_only_when_its_claim_lapses(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider, await SmtpListener.UnreachableSiteSettingsAsync(new Dictionary<string, string?> { ["Email:ClaimLease"] = "00:10:00" }));
        _ = site.Server;
        var to = $"retry-{Guid.NewGuid():N}@test.local";
        await QueueAsync(site, [to]);
        var delivery = site.Services.GetRequiredService<OutboxDeliveryService>();
        var real = site.Clock.GetUtcNow().UtcDateTime;
        var now = real.AddTicks(-(real.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: PostgreSQL keeps microseconds

        // The first tick tries once and keeps the claim; a second tick within the lease does not try again.
        using (site.Clock.FreezeAt(now))
        {
            await delivery.RunOnceAsync();
            await delivery.RunOnceAsync();
        }

        var row = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == to));
        Assert.Equal((1, now.AddMinutes(10)), (row.Attempts, row.ClaimedUntilUtc));
        Assert.False(string.IsNullOrEmpty(row.LastError));

        using (site.Clock.FreezeAt(now.AddMinutes(10)))
        {
            await delivery.RunOnceAsync();
        }

        row = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == to));
        Assert.Equal((2, (DateTime?)null), (row.Attempts, row.SentUtc));
    }

    private static Task<int> QueueAsync(SiteFactory site, IEnumerable<string> addresses) => site.QueryAsync(db =>
    {
        var now = site.Clock.GetUtcNow().UtcDateTime;
        db.OutboxEmails.AddRange(addresses.Select(to => new OutboxEmail { To = to, Subject = "Thử / Test", HtmlBody = $"<p>{to}</p>", CreatedUtc = now }));
        return db.SaveChangesAsync();
    });

    /// <summary>
    /// Runs the instance's delivery tick until none of the e-mails is left to deliver, or for a minute at most: an
    /// e-mail whose outcome was lost stays claimed, and the test's assertions then say which were sent how often.
    /// </summary>
    private static async Task DrainAsync(SiteFactory site, List<string> addresses)
    {
        var delivery = site.Services.GetRequiredService<OutboxDeliveryService>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => addresses.Contains(e.To) && e.SentUtc == null)) > 0)
        {
            await delivery.RunOnceAsync();
        }
    }

    /// <summary>The recipient of every .eml file in the folder addressed within the batch, one entry per file.</summary>
    private static List<string> Delivered(string folder, string batch)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        var found = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.eml"))
        {
            using var message = MimeMessage.Load(file);
            found.AddRange(message.To.Mailboxes.Select(m => m.Address).Where(a => a.Contains(batch, StringComparison.Ordinal)));
        }

        return found;
    }

    private static Task<(OutboxEmail, OutboxEmail)> RowsAsync(SiteFactory site, string first, string second) => site.QueryAsync(async db =>
        (await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == first), await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == second)));
}
