using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.FollowUps;

/// <summary>Settings under "FollowUps".</summary>
internal sealed class FollowUpOptions
{
    /// <summary>How often due and overdue tasks are looked for; zero or less turns the background tick off.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Tells each open task's assignee on its due day (Vietnam date), and once more the first day it is overdue: an in-app
/// notification and an e-mail through the outbox. Safe with several web instances over one database: each notice is
/// marked on the task (<see cref="FollowUpTask.DueNoticeSentUtc"/>, <see cref="FollowUpTask.OverdueNoticeSentUtc"/>)
/// in the same save that queues it, and the save checks the task's concurrency token, so an instance that lost the race
/// saves nothing and queues nothing. A task whose due day passed while the site was down gets only the overdue notice.
/// </summary>
internal sealed class FollowUpReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FollowUpOptions> options, ILogger<FollowUpReminderService> logger)
    : PeriodicBackgroundService(logger)
{
    private const int Batch = 200;

    /// <summary>Escapes markup but leaves Vietnamese letters readable in the e-mail's source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One tick at <paramref name="nowUtc"/>; returns how many notices this call queued.</summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => SendAsync(nowUtc, token), cancellationToken);

    protected override Task TickAsync(CancellationToken cancellationToken) => SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> SendAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Incubator.Core.Time.VietnamTime.ToLocal(nowUtc));
        var sent = 0;
        List<string> ids;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            ids = await db.Set<FollowUpTask>().AsNoTracking()
                .Where(t => t.Status == FollowUpStatus.Open
                    && ((t.DueOn == today && t.DueNoticeSentUtc == null) || (t.DueOn < today && t.OverdueNoticeSentUtc == null)))
                .OrderBy(t => t.DueOn).Select(t => t.Id).Take(Batch).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            // Each task in its own scope and save: a race lost on one task drops only that task's notice.
            using var scope = scopes.CreateScope();
            if (await NotifyAsync(scope.ServiceProvider, id, today, nowUtc, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private static async Task<bool> NotifyAsync(IServiceProvider services, string id, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncubatorDbContext>();
        var task = await db.Set<FollowUpTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null || task.Status != FollowUpStatus.Open)
        {
            return false;
        }

        string template;
        if (task.DueOn == today && task.DueNoticeSentUtc is null)
        {
            template = "task-due";
            task.DueNoticeSentUtc = nowUtc;
        }
        else if (task.DueOn < today && task.OverdueNoticeSentUtc is null)
        {
            template = "task-overdue";
            task.OverdueNoticeSentUtc = nowUtc;
        }
        else
        {
            return false;
        }

        task.Version++;
        var assignee = await db.Users.AsNoTracking().Where(u => u.Id == task.AssigneeId).Select(u => new { u.Id, u.Email, u.Language }).FirstOrDefaultAsync(cancellationToken);
        if (assignee is not null)
        {
            var links = services.GetRequiredService<SiteLinks>();
            var routes = services.GetRequiredService<LinkGenerator>();
            var localizer = services.GetRequiredService<IStringLocalizer<FollowUpReminderService>>();
            var path = routes.PathToPage("/FollowUps/Admin/Index");
            var title = task.Title.Length <= 300 ? task.Title : task.Title[..299] + "…";
            db.Add(new Notification { UserId = assignee.Id, Template = template, ItemId = task.Id, ItemTitle = title, Link = path, CreatedUtc = nowUtc });
            if (!string.IsNullOrEmpty(assignee.Email))
            {
                var address = links.Absolute(path);
                var vi = In(localizer, JsonStringLocalizerFactory.Vietnamese, template, task.Title, task.DueOn, address);
                var en = In(localizer, JsonStringLocalizerFactory.English, template, task.Title, task.DueOn, address);
                var (subject, body) = UserLanguageEmail.Pick(assignee.Language, vi, en);
                db.OutboxEmails.Add(new OutboxEmail { To = assignee.Email, Subject = subject, HtmlBody = body, CreatedUtc = nowUtc });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance sent this notice (or someone changed the task) first: nothing of ours was saved.
            return false;
        }
    }

    /// <summary>The notice's text in <paramref name="culture"/>, with the due date and a link on the site's configured address.</summary>
    private static (string Subject, string Body) In(IStringLocalizer localizer, CultureInfo culture, string template, string title, DateOnly dueOn, string link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var (subject, body) = new FollowUpNotificationTexts().Render(localizer, template, Encoder.Encode(title))!.Value;
            var due = Encoder.Encode(localizer["Due: {0}.", Incubator.Core.Time.VietnamTime.FormatDate(dueOn)]);
            return (subject, $"{body} {due} <a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a>");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
