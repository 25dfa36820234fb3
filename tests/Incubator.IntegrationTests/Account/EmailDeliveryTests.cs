using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Incubator.IntegrationTests.Account;

/// <summary>The outbox delivers through MailKit to an SMTP server, or as .eml files into the pickup folder.</summary>
public sealed class EmailDeliveryTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_hand_a_queued_email_to_the_smtp_server_with_the_credentials_when_a_host_is_set(DatabaseProvider provider)
    {
        await using var smtp = new SmtpListener();
        using var site = new SiteFactory(provider, smtp.SiteSettings(new Dictionary<string, string?>
        {
            ["Email:SmtpUser"] = "mailer",
            ["Email:SmtpPassword"] = "mật-khẩu",
            ["Email:From"] = "so-khcn@test.local",
        }));
        _ = site.Server;
        var to = $"smtp-{Guid.NewGuid():N}@test.local";

        await site.Services.GetRequiredService<OutboxEmailSender>().SendConfirmationAsync(to, "https://site.test/account/confirm-email?code=d1");
        await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();

        var (user, password, data) = Assert.Single(smtp.Messages);
        Assert.Equal(("mailer", "mật-khẩu"), (user, password));
        using var message = MimeMessage.Load(new MemoryStream(data));
        Assert.Equal(to, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("so-khcn@test.local", Assert.Single(message.From.Mailboxes).Address);
        Assert.Contains("https://site.test/account/confirm-email?code=d1", message.HtmlBody, StringComparison.Ordinal);
        var row = await site.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == to));
        Assert.NotNull(row.SentUtc);
        Assert.Null(row.LastError);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_email_queued_with_the_reason_when_the_smtp_server_cannot_be_reached(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider, await SmtpListener.UnreachableSiteSettingsAsync());
        _ = site.Server;
        var to = $"unreachable-{Guid.NewGuid():N}@test.local";

        await site.Services.GetRequiredService<OutboxEmailSender>().SendConfirmationAsync(to, "https://site.test/x");
        await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();

        var row = await site.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == to));
        Assert.Null(row.SentUtc);
        Assert.Equal(1, row.Attempts);
        Assert.False(string.IsNullOrEmpty(row.LastError));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_write_a_whole_eml_file_that_mime_readers_open_when_no_smtp_host_is_set(DatabaseProvider provider)
    {
        var site = sites[provider];
        var to = $"pickup-{Guid.NewGuid():N}@test.local";

        await site.Services.GetRequiredService<OutboxEmailSender>().SendConfirmationAsync(to, "https://site.test/account/confirm-email?code=u2");
        await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();

        var files = System.IO.Directory.GetFiles(site.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        try
        {
            var message = Assert.Single(files, m => m.To.Mailboxes.Any(a => a.Address == to));
            Assert.Contains("https://site.test/account/confirm-email?code=u2", message.HtmlBody, StringComparison.Ordinal);
            Assert.Empty(System.IO.Directory.GetFiles(site.MailFolder, "*.tmp"));
        }
        finally
        {
            files.ForEach(m => m.Dispose());
        }
    }
}
