using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// Reminds once an active cohort member's owner whose report is late: the period of the cohort's cadence ended more
/// than <see cref="CheckInsOptions.GraceDays"/> days ago (Vietnam time), the member had joined by its end, and no
/// check-in for it has arrived. An in-app notification and an e-mail through the outbox, both linking to the owner's
/// check-in page on the configured site address. Safe with several instances over one database: the reminder is a
/// <see cref="CheckInReminder"/> row, unique per organisation and period, saved with the notices, so the instance that
/// loses the race saves nothing.
/// </summary>
internal sealed class CheckInReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CheckInsOptions> options, ILogger<CheckInReminderService> logger)
    : PeriodicBackgroundService(logger)
{
    public const string Template = "checkin-late";

    private const int Batch = 200;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One tick at <paramref name="nowUtc"/>; returns how many reminders this call sent.</summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => SendAsync(nowUtc, token), cancellationToken);

    protected override Task TickAsync(CancellationToken cancellationToken) => SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> SendAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var late = new List<(string OrganisationId, string Period)>();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            foreach (var cadence in CohortCadence.All)
            {
                var due = CheckInsOptions.DuePeriod(today, cadence, options.Value.GraceDays);
                var (period, end) = (due.ToString(), due.End);
                var rows = await (from member in db.Set<CohortMember>().AsNoTracking()
                                  join cohort in db.Set<Cohort>().AsNoTracking() on member.CohortId equals cohort.Id
                                  where member.Status == MemberStatus.Active && cohort.Cadence == cadence && member.JoinedOn <= end
                                      // Only the organisation's current cohort (the latest it joined) sets the period it reports.
                                      && !db.Set<CohortMember>().Any(o => o.OrganisationId == member.OrganisationId && o.Status == MemberStatus.Active
                                          && (o.JoinedOn > member.JoinedOn || (o.JoinedOn == member.JoinedOn && o.Id > member.Id)))
                                      && !db.Set<CheckIn>().Any(c => c.OrganisationId == member.OrganisationId && c.Period == period)
                                      && !db.Set<CheckInReminder>().Any(r => r.OrganisationId == member.OrganisationId && r.Period == period)
                                  orderby member.OrganisationId
                                  select member.OrganisationId)
                    .Distinct().Take(Batch).ToListAsync(cancellationToken);
                late.AddRange(rows.Select(r => (r, period)));
            }
        }

        var sent = 0;
        foreach (var (organisationId, period) in late)
        {
            // Each reminder in its own scope and save: a race lost on one drops only that one.
            using var scope = scopes.CreateScope();
            if (await RemindAsync(scope.ServiceProvider, organisationId, period, nowUtc, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private static async Task<bool> RemindAsync(IServiceProvider services, string organisationId, string period, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var entry = await Organisations.DirectoryEntries.FindAsync(db, organisationId, cancellationToken);
        db.Add(new CheckInReminder { OrganisationId = organisationId, Period = period, SentUtc = nowUtc });
        var name = entry?.Profile.Title ?? organisationId;
        var title = $"{period} — {name}";
        title = title.Length <= 300 ? title : title[..299] + "…";
        var path = services.GetRequiredService<LinkGenerator>().PathToPage("/CheckIns/Mine", new { id = organisationId });
        var address = path is null ? null : services.GetRequiredService<SiteLinks>().Absolute(path);
        var localizer = services.GetRequiredService<IStringLocalizer<CheckInReminderService>>();
        if (entry?.Profile.OwnerId is { Length: > 0 } ownerId
            && await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.Id, u.Email, u.Language }).FirstOrDefaultAsync(cancellationToken) is { } owner)
        {
            db.Add(new Notification { UserId = owner.Id, Template = Template, ItemId = $"{organisationId}:{period}", ItemTitle = title, Link = path, CreatedUtc = nowUtc });
            if (!string.IsNullOrEmpty(owner.Email))
            {
                var vi = In(localizer, JsonStringLocalizerFactory.Vietnamese, name, period, address);
                var en = In(localizer, JsonStringLocalizerFactory.English, name, period, address);
                var (subject, body) = UserLanguageEmail.Pick(owner.Language, vi, en);
                db.OutboxEmails.Add(new OutboxEmail { To = owner.Email, Subject = subject, HtmlBody = body, CreatedUtc = nowUtc });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded this reminder first (the unique organisation and period): nothing of ours was saved.
            return false;
        }
    }

    /// <summary>The reminder's text in <paramref name="culture"/>, with the link to the owner's check-in page.</summary>
    private static (string Subject, string Body) In(IStringLocalizer localizer, CultureInfo culture, string name, string period, string? link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            string subject = localizer["Your progress report for {0} is late", period];
            string text = localizer["The progress report of \"{0}\" for {1} has not arrived yet. Please file it on the site.", name, period];
            var body = Encoder.Encode(text);
            var open = link is null ? string.Empty : $" <a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["File the report"])}</a>";
            return (subject, $"{body}{open}");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
