using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
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
    IncubatorDbContext db, OrganisationAccess organisations, ContentManager content, IClock clock, IStringLocalizer<WorkflowService> localizer) : IWorkflowEffects
{
    private const string RolePrefix = "role:";

    /// <summary>Escapes markup but leaves Vietnamese letters readable in the e-mail's source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public IClock Clock => clock;

    /// <summary>
    /// No condition has data to look at yet (scores, budgets and reviews arrive with the programmes feature), so every
    /// condition is false: a workflow never takes the "passed" branch on data the site does not have.
    /// </summary>
    public Task<bool> EvaluateConditionAsync(ConditionKind condition, string correlationId) => Task.FromResult(false);

    /// <summary>
    /// On a directory profile, applies the review status (publishing it on "published"), with the user and comment of
    /// the action that led here. The runner records every status in the history too, which is where items that have
    /// no status of their own yet are read from.
    /// </summary>
    public async Task SetStatusAsync(WorkflowInstance instance, string status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (await organisations.FindAsync(instance.CorrelationId) is var (type, _))
        {
            // The service loads instances without their history, so these are this step's entries: the newest one
            // with a person is the action (or event) that led to this status.
            var cause = instance.History.LastOrDefault(h => h.By is not null);
            await content.ApplyReviewStatusAsync(type, instance.CorrelationId, status, cause?.By, cause?.Comment);
        }
    }

    public async Task NotifyAsync(string correlationId, string template, string to, IReadOnlyList<string> assignees)
    {
        ArgumentNullException.ThrowIfNull(to);
        var profile = (await organisations.FindAsync(correlationId))?.Profile;
        IQueryable<User> recipients;
        if (to == "owner")
        {
            var owner = profile?.OwnerId;
            recipients = db.Users.Where(u => u.Id == owner);
        }
        else if (to == "assignees")
        {
            var ids = assignees.ToList();
            recipients = db.Users.Where(u => ids.Contains(u.Id));
        }
        else if (to.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            var role = to[RolePrefix.Length..];
            recipients = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        else
        {
            throw new InvalidOperationException($"Unknown recipient '{to}'.");
        }

        var emails = await recipients.AsNoTracking().Where(u => u.Email != null).Select(u => u.Email!).Distinct().ToListAsync();
        var (subject, body) = Template(template, profile?.Title ?? correlationId);
        foreach (var email in emails.Order(StringComparer.Ordinal))
        {
            db.OutboxEmails.Add(new OutboxEmail { To = email, Subject = subject, HtmlBody = body, CreatedUtc = clock.UtcNow });
        }
    }

    /// <summary>Nobody is assigned yet: reviewer assignment arrives with the programmes feature.</summary>
    public Task<IReadOnlyList<string>> AssignAsync(string correlationId, string what) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// The e-mail for a template in Vietnamese, then in English. The person who triggers a step (staff) is not the one
    /// who reads the e-mail, and users have no language setting yet, so the request's language is no guide.
    /// </summary>
    private (string Subject, string HtmlBody) Template(string template, string title)
    {
        var vi = In(JsonStringLocalizerFactory.Vietnamese, template, title);
        var en = In(JsonStringLocalizerFactory.English, template, title);
        return ($"{vi.Subject} / {en.Subject}", $"<p lang=\"vi\">{vi.Body}</p>\n<hr>\n<p lang=\"en\">{en.Body}</p>");
    }

    private (string Subject, string Body) In(CultureInfo culture, string template, string title)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var item = Encoder.Encode(title);
            return template switch
            {
                "profile-submitted" => (localizer["A profile waits for review"], localizer["The profile \"{0}\" was submitted and waits for review.", item]),
                "profile-approved" => (localizer["Your profile was approved"], localizer["Your profile \"{0}\" was approved.", item]),
                "profile-returned" => (localizer["Your profile was returned"], localizer["Your profile \"{0}\" was returned for changes. Edit it and submit it again.", item]),
                _ => (localizer["An item needs your attention"], localizer["There is news about \"{0}\".", item]),
            };
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
