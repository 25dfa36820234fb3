using System.Net;
using System.Text.Encodings.Web;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Incubator.Web.Features.Account;

/// <summary>Where the outbox delivers: a pickup folder (the default, for development) or an SMTP server.</summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "no-reply@incubator.local";

    /// <summary>The folder .eml files are written to when no SMTP host is set (relative to the content root).</summary>
    public string PickupFolder { get; set; } = "App_Data/mail-pickup";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Upgrade the connection with STARTTLS (port 587); port 465 always speaks TLS from the start.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>How often the outbox is delivered; zero or less turns delivery off (e-mails stay queued).</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an instance's claim on an e-mail holds: longer than one delivery can take (MailKit gives up on a silent
    /// server after two minutes), since another instance takes the e-mail once it lapses. It is also the wait before
    /// a failed e-mail is tried again, and the longest an e-mail whose sender stopped mid-delivery waits.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    internal static IEnumerable<string> Problems(EmailOptions options)
    {
        if (!Infrastructure.Settings.IsEmailAddress(options.From))
        {
            yield return $"Email:From must be one e-mail address, not '{options.From}'.";
        }

        if (options.SmtpPort is < 1 or > 65535)
        {
            yield return $"Email:SmtpPort must be a port number from 1 to 65535, not {options.SmtpPort}.";
        }

        if (options.ClaimLease <= TimeSpan.Zero)
        {
            yield return $"Email:ClaimLease must be a positive time span, not {options.ClaimLease}.";
        }

        if (string.IsNullOrWhiteSpace(options.SmtpHost) && string.IsNullOrWhiteSpace(options.PickupFolder))
        {
            yield return "Email:PickupFolder must name a folder when Email:SmtpHost is not set.";
        }
    }
}

/// <summary>
/// Identity's e-mails (password reset, confirmation) go into the outbox table, never straight out.
/// A singleton because Identity's API endpoints resolve it once; each e-mail gets its own scope.
/// Every link is rebuilt on the site's configured address (<see cref="SiteLinks"/>): Identity's API builds its
/// confirmation link from the request, whose Host header a client chooses.
/// </summary>
internal sealed class OutboxEmailSender(IServiceScopeFactory scopes, TimeProvider clock, SiteLinks links, IStringLocalizer<OutboxEmailSender> localizer) : IEmailSender<User>
{
    /// <summary>
    /// Identity's API hands over its link HTML-encoded; the link sent is the site's own confirmation page with the
    /// same user id and code (and the new address of an e-mail change), encoded once.
    /// </summary>
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink)
    {
        var query = QueryHelpers.ParseQuery(new Uri(WebUtility.HtmlDecode(confirmationLink), UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
            ? absolute.Query
            : string.Empty);
        var values = new RouteValueDictionary { ["userId"] = query["userId"].ToString(), ["code"] = query["code"].ToString() };
        if (query.TryGetValue("changedEmail", out var changed))
        {
            values["changedEmail"] = changed.ToString();
        }

        return SendConfirmationAsync(email, links.Page("/Account/ConfirmEmail", values));
    }

    /// <summary>The confirmation e-mail for a link already on the site's address.</summary>
    public Task SendConfirmationAsync(string email, string link) =>
        QueueAsync(email, localizer["Confirm your e-mail address"], localizer["Confirm your account by <a href=\"{0}\">following this link</a>.", HtmlEncoder.Default.Encode(link)]);

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        QueueAsync(email, localizer["Reset your password"], localizer["Reset your password by <a href=\"{0}\">following this link</a>. If you did not ask for this, ignore this e-mail.", HtmlEncoder.Default.Encode(links.Rebase(WebUtility.HtmlDecode(resetLink)))]);

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        QueueAsync(email, localizer["Reset your password"], localizer["Your password reset code is: {0}", HtmlEncoder.Default.Encode(resetCode)]);

    /// <summary>
    /// Someone registered with an address that already has an account: the owner hears of it instead, and the one who
    /// registered sees the same answer as for a new address, so registration cannot tell which addresses have accounts.
    /// </summary>
    public Task SendAlreadyRegisteredAsync(string email) =>
        QueueAsync(email, localizer["Someone tried to register with your address"], localizer[
            "Someone, perhaps you, tried to register a new account with this e-mail address, which already has one. If it was you, <a href=\"{0}\">sign in</a> or <a href=\"{1}\">reset your password</a>. If it was not, ignore this e-mail: nothing has changed.",
            HtmlEncoder.Default.Encode(links.Page("/Account/Login")), HtmlEncoder.Default.Encode(links.Page("/Account/ForgotPassword"))]);

    private async Task QueueAsync(string to, string subject, string htmlBody)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        db.OutboxEmails.Add(new OutboxEmail { To = to, Subject = subject, HtmlBody = htmlBody, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// Delivers queued e-mails every few seconds; a failure is recorded and retried when its claim lapses, at most five
/// attempts in all. Safe with several web instances over one database: each e-mail is claimed before it is sent (see
/// <see cref="ClaimNextAsync"/>), so exactly one instance sends it; an instance that stops between sending and
/// recording leaves at most the one e-mail it was sending claimed, and that one is sent again once the claim lapses.
/// </summary>
internal sealed class OutboxDeliveryService(
    IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<OutboxDeliveryService> logger)
    : PeriodicBackgroundService(logger)
{
    internal const int MaxAttempts = 5;

    /// <summary>This instance's name in the claims it takes: the machine and process, and a random part for two sites in one process (the tests).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override TimeSpan Interval => options.Value.DeliveryInterval;

    protected override Task TickAsync(CancellationToken cancellationToken) => DeliverPendingAsync(cancellationToken);

    /// <summary>
    /// Claims and sends one e-mail after another until none is left to claim. Each claimed e-mail is unavailable until
    /// its claim lapses, whatever the attempt's outcome, so the tick ends even when every attempt fails.
    /// </summary>
    private async Task DeliverPendingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        while (await ClaimNextAsync(db, cancellationToken) is { } claimed)
        {
            string? error = null;
            try
            {
                await SendAsync(claimed, cancellationToken);
            }
            catch (Exception ex) when (ex is MailKit.CommandException or MailKit.ProtocolException or MailKit.Security.AuthenticationException
                or System.Net.Sockets.SocketException or IOException or InvalidOperationException or ParseException)
            {
                error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                logger.LogWarning(ex, "Could not deliver e-mail {Id}; it is tried again when its claim lapses.", claimed.Id);
            }

            // Recorded only if the claim is still this one's: an instance that took the e-mail over after the claim
            // lapsed (this delivery took longer than Email:ClaimLease) now owns its outcome.
            var now = clock.GetUtcNow().UtcDateTime;
            var recorded = error is null
                ? await db.OutboxEmails.Where(e => e.Id == claimed.Id && e.Version == claimed.Version).ExecuteUpdateAsync(
                    u => u.SetProperty(e => e.SentUtc, now).SetProperty(e => e.LastError, (string?)null)
                        .SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntilUtc, (DateTime?)null)
                        .SetProperty(e => e.Version, e => e.Version + 1),
                    CancellationToken.None)
                : await db.OutboxEmails.Where(e => e.Id == claimed.Id && e.Version == claimed.Version).ExecuteUpdateAsync(
                    u => u.SetProperty(e => e.LastError, error).SetProperty(e => e.Version, e => e.Version + 1),
                    CancellationToken.None);
            if (recorded == 0)
            {
                logger.LogWarning(
                    "E-mail {Id} was {Outcome} after this instance's claim on it lapsed or it was erased; another instance may deliver it again.",
                    claimed.Id, error is null ? "sent" : "tried");
            }
        }
    }

    /// <summary>
    /// Takes the oldest e-mail that is due and that no live claim holds, for this instance until now plus
    /// <see cref="EmailOptions.ClaimLease"/>, counting the attempt; null when there is none. The claim is an update
    /// that checks the concurrency token read with the row, so of two instances reading the same row only one
    /// changes it. On PostgreSQL the row is also read <c>FOR UPDATE SKIP LOCKED</c> in the claim's transaction, so
    /// instances claiming together each get a different e-mail instead of racing for the same one.
    /// </summary>
    internal async Task<OutboxEmail?> ClaimNextAsync(IncubatorDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + options.Value.ClaimLease;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var candidate = db is PostgresIncubatorDbContext
                ? (await db.OutboxEmails.FromSql($"""
                    SELECT * FROM "OutboxEmails"
                    WHERE "SentUtc" IS NULL AND "Attempts" < {MaxAttempts} AND ("ClaimedUntilUtc" IS NULL OR "ClaimedUntilUtc" <= {now})
                    ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).AsNoTracking().ToListAsync(cancellationToken)).FirstOrDefault()
                : await db.OutboxEmails.AsNoTracking()
                    .Where(e => e.SentUtc == null && e.Attempts < MaxAttempts && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc <= now))
                    .OrderBy(e => e.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            var claimed = await db.OutboxEmails.Where(e => e.Id == candidate.Id && e.Version == candidate.Version).ExecuteUpdateAsync(
                u => u.SetProperty(e => e.ClaimedBy, InstanceId).SetProperty(e => e.ClaimedUntilUtc, until)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.Version, e => e.Version + 1),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (claimed == 1)
            {
                candidate.ClaimedBy = InstanceId;
                candidate.ClaimedUntilUtc = until;
                candidate.Attempts++;
                candidate.Version++;
                return candidate;
            }

            // Another instance claimed it between the read and the update: look for the next one.
        }
    }

    /// <summary>
    /// The HTML body and the calendar file as an <c>invite.ics</c> attachment whose type names the file's method, so
    /// mail clients offer to add (or remove) the meeting.
    /// </summary>
    private static Multipart WithCalendar(TextPart html, string calendar)
    {
        var type = new ContentType("text", "calendar") { Charset = "utf-8" };
        if (Infrastructure.Calendar.CalendarFile.MethodOf(calendar) is { } method)
        {
            type.Parameters.Add("method", method);
        }

        var invite = new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        return new Multipart("mixed") { html, invite };
    }

    private async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        var html = new TextPart(MimeKit.Text.TextFormat.Html) { Text = email.HtmlBody };
        message.Body = email.Calendar is null ? html : WithCalendar(html, email.Calendar);
        foreach (var (name, value) in OutboxHeaders.Read(email.Headers))
        {
            message.Headers.Add(name, value);
        }

        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            // Development and tests: the message as it would travel, one .eml file each, for a mail client or a test to open.
            var folder = Path.Combine(environment.ContentRootPath, settings.PickupFolder);
            System.IO.Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{Guid.NewGuid():N}.eml");
            var partial = path + ".tmp";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path); // whole files only: a reader never sees half a message
            return;
        }

        using var client = new MailKit.Net.Smtp.SmtpClient();
        var security = settings.SmtpPort == 465 ? MailKit.Security.SecureSocketOptions.SslOnConnect
            : settings.UseStartTls ? MailKit.Security.SecureSocketOptions.StartTls
            : MailKit.Security.SecureSocketOptions.None;
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(new NetworkCredential(settings.SmtpUser, settings.SmtpPassword), cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
