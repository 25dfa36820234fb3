using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure.Calendar;
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

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_attach_the_calendar_file_as_an_invitation_that_calendars_read(DatabaseProvider provider)
    {
        var site = sites[provider];
        var to = $"invite-{Guid.NewGuid():N}@test.local";
        var start = new DateTime(2026, 12, 10, 2, 0, 0, DateTimeKind.Utc);
        var invite = new CalendarInvite($"booking-{Guid.NewGuid():N}@incubator", start, start.AddHours(1), "Giờ cố vấn: gọi vốn")
        {
            Location = "Phòng 204, Sở KH&CN",
            Organizer = new CalendarPerson("so-khcn@test.local", "Sở KH&CN"),
            Attendees = [new CalendarPerson(to, "Nguyễn Thị Hoa")],
            Sequence = 2,
        };
        await site.QueryAsync(db =>
        {
            db.OutboxEmails.Add(new OutboxEmail
            {
                To = to, Subject = "Lịch hẹn", HtmlBody = "<p>Hẹn gặp</p>", CreatedUtc = DateTime.UtcNow,
                Calendar = CalendarFile.Write(CalendarMethod.Request, DateTime.UtcNow, invite),
            });
            return db.SaveChangesAsync();
        });
        await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();

        var files = System.IO.Directory.GetFiles(site.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        try
        {
            var message = Assert.Single(files, m => m.To.Mailboxes.Any(a => a.Address == to));
            Assert.Contains("Hẹn gặp", message.HtmlBody, StringComparison.Ordinal);
            var part = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal("invite.ics", part.FileName);
            Assert.Equal("text/calendar", part.ContentType.MimeType);
            Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
            var entry = Assert.Single(calendar.Events);
            Assert.Equal(invite.Uid, entry.Uid);
            Assert.Equal("Giờ cố vấn: gọi vốn", entry.Summary);
            Assert.Equal("Phòng 204, Sở KH&CN", entry.Location);
            Assert.Equal(start, entry.DtStart!.AsUtc);
            Assert.Equal(start.AddHours(1), entry.DtEnd!.AsUtc);
            Assert.Equal(2, entry.Sequence);
            Assert.Equal("mailto:" + to, Assert.Single(entry.Attendees).Value!.ToString());
        }
        finally
        {
            files.ForEach(m => m.Dispose());
        }
    }
}
