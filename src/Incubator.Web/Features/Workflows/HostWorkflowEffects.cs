using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// What workflows do to the site, handed to the <see cref="IWorkflowItemHandler"/>s of the kind each instance
/// stores. Nothing here saves: e-mails are added to the outbox in the DbContext the <see cref="WorkflowService"/>
/// saves the step with, so a step that loses a race queues nothing.
/// </summary>
internal sealed class HostWorkflowEffects(
    IncubatorDbContext db, WorkflowItems items, TimeProvider clock, SiteLinks links, NoticeDetails details, IStringLocalizer<WorkflowService> localizer)
    : IWorkflowEffects
{

    /// <summary>Escapes markup but leaves Vietnamese letters readable in the e-mail's source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public TimeProvider Clock => clock;

    /// <summary>Conditions are answered by the handlers of the item's kind; one nobody answers fails loudly.</summary>
    public async Task<bool> EvaluateConditionAsync(ConditionKind condition, WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var handler in items.Of(instance.ItemKind))
        {
            if (await handler.EvaluateConditionAsync(condition, instance.CorrelationId) is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException($"Item {instance.CorrelationId} (kind '{instance.ItemKind}') has no condition {condition}.");
    }

    /// <summary>
    /// Applies the status to the item through the handlers of its kind: the owner keeps it, and the others may record
    /// what it means to them (Reviews writes the council's reason into the history of an application it failed). The
    /// runner records every status in the history too, which is where items that have no status of their own are read from.
    /// </summary>
    public async Task SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var handler in items.Of(instance.ItemKind))
        {
            await handler.SetStatusAsync(instance, status);
        }
    }

    /// <summary>
    /// Queues the e-mail (Vietnamese, then English) and adds an in-app notification for each recipient, linking the
    /// owner to their own page of the item, assignees to where they work on it, and everyone else to its back-office page.
    /// </summary>
    public async Task NotifyAsync(WorkflowInstance instance, string template, string to, IReadOnlyList<string> assignees)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(to);
        var correlationId = instance.CorrelationId;
        var item = (await items.FindAsync(instance.ItemKind, [correlationId])).GetValueOrDefault(correlationId);
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
            link = item?.AssigneeUrl ?? item?.AdminUrl;
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

        var people = await recipients.AsNoTracking().Select(u => new { u.Id, u.Email, u.Language }).ToListAsync();
        var title = item?.Title ?? correlationId;
        var names = await WorkflowNames.ForAsync(db, instance.TypeKey, instance.TypeVersion, localizer);
        Func<string>? step = Trigger(instance, names.Type) is { } cause ? () => names.Step(cause) : null;

        // What the item's feature adds (an approval's decision number, date and amount), in each language of the e-mail.
        var vi = await details.InAsync(JsonStringLocalizerFactory.Vietnamese, template, correlationId);
        var en = await details.InAsync(JsonStringLocalizerFactory.English, template, correlationId);
        var address = link is null ? null : links.Absolute(link);
        var inVietnamese = In(JsonStringLocalizerFactory.Vietnamese, template, title, address, step, vi);
        var inEnglish = In(JsonStringLocalizerFactory.English, template, title, address, step, en);
        (string? stepVi, string? stepEn) = step is null ? (null, null) : (Cut(InCulture(JsonStringLocalizerFactory.Vietnamese, step)), Cut(InCulture(JsonStringLocalizerFactory.English, step)));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in people.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            db.Notifications.Add(new Notification
            {
                UserId = person.Id, Template = template, ItemId = correlationId, ItemTitle = title, Link = link, StepVi = stepVi, StepEn = stepEn, CreatedUtc = now,
            });
            if (!string.IsNullOrEmpty(person.Email))
            {
                var (subject, body) = Email(person.Language, inVietnamese, inEnglish);
                db.OutboxEmails.Add(new OutboxEmail { To = person.Email, Subject = subject, HtmlBody = body, CreatedUtc = now });
            }
        }
    }

    /// <summary>
    /// The step a notice is about: the newest entry of this run (the service loads instances without their history)
    /// where something happened (the start, a person's action, an awaited event, a deadline, a check), not the status
    /// and notice steps that follow it. Null when the run has none, e.g. reviewers added by hand.
    /// </summary>
    internal static WorkflowHistoryEntry? Trigger(WorkflowInstance instance, WorkflowType type) =>
        instance.History.LastOrDefault(h => type.FindActivity(h.ActivityId) is StartActivity or UserTaskActivity or EventActivity or TimerActivity or ConditionActivity);

    /// <summary>Assigns people through the handler of the item's kind that assigns <paramref name="what"/>; nothing else can be assigned.</summary>
    public async Task<IReadOnlyList<string>> AssignAsync(WorkflowInstance instance, string what)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var handler in items.Of(instance.ItemKind))
        {
            if (await handler.AssignAsync(instance.CorrelationId, what) is { } assigned)
            {
                return assigned;
            }
        }

        throw new InvalidOperationException($"Cannot assign '{what}' to item {instance.CorrelationId} (kind '{instance.ItemKind}').");
    }

    /// <summary>
    /// The e-mail in the language the reader chose (Account's UserLanguage), or in Vietnamese then English when they
    /// have not chosen one. The person who triggers a step (staff) is not the one who reads the e-mail, so the
    /// request's language is no guide.
    /// </summary>
    private static (string Subject, string HtmlBody) Email(string? language, (string Subject, string Body) vi, (string Subject, string Body) en) => language switch
    {
        "vi" => (vi.Subject, $"<p lang=\"vi\">{vi.Body}</p>"),
        "en" => (en.Subject, $"<p lang=\"en\">{en.Body}</p>"),
        _ => ($"{vi.Subject} / {en.Subject}", $"<p lang=\"vi\">{vi.Body}</p>\n<hr>\n<p lang=\"en\">{en.Body}</p>"),
    };

    /// <summary>What <paramref name="text"/> gives in <paramref name="culture"/>, whatever the request's language is.</summary>
    private static string InCulture(CultureInfo culture, Func<string> text)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            return text();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    /// <summary>A step's name as the notification's column holds it.</summary>
    private static string Cut(string text) => text.Length <= 300 ? text : text[..299] + "…";

    /// <summary>
    /// The template's text, what the item's feature adds, the step that led to it by its name in that language, and a
    /// link to the item on the site's configured address (never the request's host).
    /// </summary>
    private (string Subject, string Body) In(CultureInfo culture, string template, string title, string? link, Func<string>? step, string? detail)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var (subject, body) = NotificationTemplates.Render(localizer, template, Encoder.Encode(title));
            body = detail is null ? body : $"{body} {Encoder.Encode(detail)}";
            if (step is not null)
            {
                body = $"{body} <span class=\"step\">{Encoder.Encode(localizer["Step: {0}.", step()])}</span>";
            }

            return link is null ? (subject, body) : (subject, $"{body} <a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a>");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
