using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Cohorts;

/// <summary>Settings under "Cohorts".</summary>
internal sealed class CohortsOptions
{
    /// <summary>How often overdue milestones are looked for; zero or less turns the background tick off.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Reminds once, the first day a milestone is overdue (its due date passed in Vietnam time, the member active and the
/// milestone neither done nor waived), the startup's owner and the cohort's lead: an in-app notification and an e-mail
/// through the outbox. Safe with several web instances over one database: the reminder is recorded as a
/// <see cref="CohortReminder"/> row, unique per member and milestone, in the same save that queues the notices, so the
/// instance that loses the race saves nothing and queues nothing.
/// </summary>
internal sealed class CohortReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CohortsOptions> options, ILogger<CohortReminderService> logger)
    : PeriodicBackgroundService(logger)
{
    public const string Template = "milestone-overdue";

    private const int Batch = 200;

    /// <summary>Escapes markup but leaves Vietnamese letters readable in the e-mail's source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One tick at <paramref name="nowUtc"/>; returns how many reminders this call sent.</summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => SendAsync(nowUtc, token), cancellationToken);

    protected override Task TickAsync(CancellationToken cancellationToken) => SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> SendAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        List<(long MemberId, string Key)> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var rows = await (from milestone in db.Set<CohortMilestone>().AsNoTracking()
                              join member in db.Set<CohortMember>().AsNoTracking() on milestone.CohortId equals member.CohortId
                              where member.Status == MemberStatus.Active && milestone.DueOn < today
                                  && !db.Set<MemberMilestone>().Any(p => p.MemberId == member.Id && p.MilestoneKey == milestone.Key
                                      && (p.Status == MilestoneStatus.Done || p.Status == MilestoneStatus.Waived))
                                  && !db.Set<CohortReminder>().Any(r => r.MemberId == member.Id && r.MilestoneKey == milestone.Key)
                              orderby milestone.DueOn, member.Id
                              select new { MemberId = member.Id, milestone.Key })
                .Take(Batch).ToListAsync(cancellationToken);
            due = [.. rows.Select(r => (r.MemberId, r.Key))];
        }

        var sent = 0;
        foreach (var (memberId, key) in due)
        {
            // Each reminder in its own scope and save: a race lost on one drops only that one.
            using var scope = scopes.CreateScope();
            if (await RemindAsync(scope.ServiceProvider, memberId, key, nowUtc, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private static async Task<bool> RemindAsync(IServiceProvider services, long memberId, string key, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var found = await (from member in db.Set<CohortMember>().AsNoTracking()
                           join cohort in db.Set<Cohort>().AsNoTracking() on member.CohortId equals cohort.Id
                           join milestone in db.Set<CohortMilestone>().AsNoTracking() on cohort.Id equals milestone.CohortId
                           where member.Id == memberId && milestone.Key == key
                           select new { member.OrganisationId, cohort.Key, cohort.LeadUserId, milestone.TitleVi, milestone.DueOn })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        var entries = services.GetRequiredService<DirectoryEntries>();
        var organisation = await entries.FindAsync(found.OrganisationId, cancellationToken);
        string? owner = null;
        foreach (var (_, rows) in entries.Sources(organisation?.Kind))
        {
            owner ??= await rows.Where(x => x.ContentItemId == found.OrganisationId).Select(x => x.OwnerId).FirstOrDefaultAsync(cancellationToken);
        }

        db.Add(new CohortReminder { MemberId = memberId, MilestoneKey = key, SentUtc = nowUtc });
        var title = $"{found.TitleVi} — {organisation?.Name ?? found.OrganisationId}";
        title = title.Length <= 300 ? title : title[..299] + "…";
        var routes = services.GetRequiredService<LinkGenerator>();
        var links = services.GetRequiredService<SiteLinks>();
        var localizer = services.GetRequiredService<IStringLocalizer<CohortReminderService>>();
        var staffPath = routes.PathToPage("/Cohorts/Admin/Member", new { key = found.Key, organisationId = found.OrganisationId });
        var ownerPath = routes.PathToPage("/Cohorts/Incubation") + "#org-" + found.OrganisationId;
        var recipients = new[] { (UserId: owner, Path: (string?)ownerPath), (UserId: found.LeadUserId, Path: staffPath) }
            .Where(r => !string.IsNullOrEmpty(r.UserId)).DistinctBy(r => r.UserId).ToList();
        foreach (var (userId, path) in recipients)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.Email, u.Language }).FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                continue;
            }

            db.Add(new Notification { UserId = user.Id, Template = Template, ItemId = $"{memberId}:{key}", ItemTitle = title, Link = path, CreatedUtc = nowUtc });
            if (!string.IsNullOrEmpty(user.Email))
            {
                var address = path is null ? null : links.Absolute(path);
                var vi = In(localizer, JsonStringLocalizerFactory.Vietnamese, title, found.DueOn, address);
                var en = In(localizer, JsonStringLocalizerFactory.English, title, found.DueOn, address);
                var (subject, body) = UserLanguageEmail.Pick(user.Language, vi, en);
                db.OutboxEmails.Add(new OutboxEmail { To = user.Email, Subject = subject, HtmlBody = body, CreatedUtc = nowUtc });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded this reminder first (the unique member and milestone): nothing of ours was saved.
            return false;
        }
    }

    /// <summary>The reminder's text in <paramref name="culture"/>, with the due date and a link: the owner's to their incubation page, staff's to the member's page.</summary>
    private static (string Subject, string Body) In(IStringLocalizer localizer, CultureInfo culture, string title, DateOnly dueOn, string? link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var (subject, body) = new CohortNotificationTexts().Render(localizer, Template, Encoder.Encode(title))!.Value;
            var due = Encoder.Encode(localizer["Due: {0}.", VietnamTime.FormatDate(dueOn)]);
            var open = link is null ? string.Empty : $" <a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a>";
            return (subject, $"{body} {due}{open}");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
