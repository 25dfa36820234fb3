using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// What workflows do to the site. Nothing here saves: e-mails are added to the outbox in the DbContext the
/// <see cref="WorkflowService"/> saves the step with, so a step that loses a race queues nothing.
/// </summary>
public sealed class HostWorkflowEffects(
    IncubatorDbContext db, OrganisationAccess organisations, ContentManager content, WorkflowItems items, ApplicationWorkflow applications,
    IClock clock, SiteLinks links, IStringLocalizer<WorkflowService> localizer)
    : IWorkflowEffects
{

    /// <summary>Escapes markup but leaves Vietnamese letters readable in the e-mail's source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public IClock Clock => clock;

    /// <summary>Conditions look at support applications (reviews, scores, budget); on anything else they fail loudly.</summary>
    public async Task<bool> EvaluateConditionAsync(ConditionKind condition, string correlationId) =>
        await applications.FindAsync(correlationId) is { } application
            ? await applications.EvaluateAsync(condition, application)
            : throw new InvalidOperationException($"Item {correlationId} is not a support application, so condition {condition} has nothing to look at.");

    /// <summary>
    /// On a directory profile, applies the review status (publishing it on "published"), with the user and comment of
    /// the action that led here. The runner records every status in the history too, which is where items that have
    /// no status of their own yet are read from.
    /// </summary>
    public async Task SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);

        // The service loads instances without their history, so these are this step's entries: the newest one with a
        // person is the action (or event) that led to this status.
        var cause = instance.History.LastOrDefault(h => h.By is not null);
        if (await applications.FindAsync(instance.CorrelationId) is { } application)
        {
            await applications.SetStatusAsync(application, status, cause);
        }
        else if (await organisations.FindAsync(instance.CorrelationId) is var (type, _))
        {
            await content.ApplyReviewStatusAsync(type, instance.CorrelationId, status, cause?.By, cause?.Comment);
        }
    }

    /// <summary>
    /// Queues the e-mail (Vietnamese, then English) and adds an in-app notification for each recipient, linking the
    /// owner to their own page of the item and everyone else to its back-office page.
    /// </summary>
    public async Task NotifyAsync(string correlationId, string template, string to, IReadOnlyList<string> assignees)
    {
        ArgumentNullException.ThrowIfNull(to);
        var item = (await items.FindAsync([correlationId])).GetValueOrDefault(correlationId);
        IQueryable<User> recipients;
        string? link;
        if (to == NotificationRecipients.Owner)
        {
            var owner = item?.OwnerId;
            recipients = db.Users.Where(u => u.Id == owner);
            link = item?.OwnerUrl;
        }
        else if (to == NotificationRecipients.Assignees)
        {
            var ids = assignees.ToList();
            recipients = db.Users.Where(u => ids.Contains(u.Id));

            // Assignees are reviewers, who work on their own pages rather than in the back office.
            link = await applications.FindAsync(correlationId) is not null ? $"/reviews/{correlationId}" : item?.AdminUrl;
        }
        else if (to.StartsWith(NotificationRecipients.RolePrefix, StringComparison.Ordinal))
        {
            var role = to[NotificationRecipients.RolePrefix.Length..];
            recipients = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
            link = item?.AdminUrl;
        }
        else
        {
            throw new InvalidOperationException($"Unknown recipient '{to}'.");
        }

        var people = await recipients.AsNoTracking().Select(u => new { u.Id, u.Email }).ToListAsync();
        var title = item?.Title ?? correlationId;
        var (subject, body) = Email(template, title, link is null ? null : links.Absolute(link));
        var now = clock.UtcNow;
        foreach (var person in people.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            db.Notifications.Add(new Notification { UserId = person.Id, Template = template, ItemId = correlationId, ItemTitle = title, Link = link, CreatedUtc = now });
            if (!string.IsNullOrEmpty(person.Email))
            {
                db.OutboxEmails.Add(new OutboxEmail { To = person.Email, Subject = subject, HtmlBody = body, CreatedUtc = now });
            }
        }
    }

    /// <summary>Assigns an application's reviewers; nothing else can be assigned.</summary>
    public async Task<IReadOnlyList<string>> AssignAsync(string correlationId, string what) =>
        what == "reviewers" && await applications.FindAsync(correlationId) is { } application
            ? await applications.AssignReviewersAsync(application)
            : throw new InvalidOperationException($"Cannot assign '{what}' to item {correlationId}.");

    /// <summary>
    /// The e-mail for a template in Vietnamese, then in English. The person who triggers a step (staff) is not the one
    /// who reads the e-mail, and users have no language setting yet, so the request's language is no guide.
    /// </summary>
    private (string Subject, string HtmlBody) Email(string template, string title, string? link)
    {
        var vi = In(JsonStringLocalizerFactory.Vietnamese, template, title, link);
        var en = In(JsonStringLocalizerFactory.English, template, title, link);
        return ($"{vi.Subject} / {en.Subject}", $"<p lang=\"vi\">{vi.Body}</p>\n<hr>\n<p lang=\"en\">{en.Body}</p>");
    }

    /// <summary>The template's text, and a link to the item on the site's configured address (never the request's host).</summary>
    private (string Subject, string Body) In(CultureInfo culture, string template, string title, string? link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var (subject, body) = NotificationTemplates.Render(localizer, template, Encoder.Encode(title));
            return link is null ? (subject, body) : (subject, $"{body} <a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a>");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
