using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// Tells a mentor that a startup asks for them: an in-app notification and an e-mail through the outbox, in the
/// mentor's language (both when they chose none), linking to their mentoring page on the site's configured address.
/// Added to the request's own unit of work, so a refused request sends nothing.
/// </summary>
internal sealed class MentorRequestNotice(IncubatorDbContext db, SiteLinks links, LinkGenerator routes, IStringLocalizer<MentorRequestNotice> localizer)
{
    public const string Template = "mentor-requested";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public async Task AddAsync(MentorMatch match, string organisationName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var mentor = await (
            from details in db.Set<MentorDetails>().AsNoTracking()
            join user in db.Users.AsNoTracking() on details.UserId equals user.Id
            where details.MentorId == match.MentorId
            select new { user.Id, user.Email, user.Language }).FirstOrDefaultAsync(cancellationToken);
        if (mentor is null)
        {
            return;
        }

        var path = routes.PathToPage("/Mentoring/Mentor");
        var title = organisationName.Length <= 300 ? organisationName : organisationName[..299] + "…";
        db.Add(new Notification { UserId = mentor.Id, Template = Template, ItemId = match.Id, ItemTitle = title, Link = path, CreatedUtc = match.RequestedUtc });
        if (string.IsNullOrEmpty(mentor.Email))
        {
            return;
        }

        var address = links.Absolute(path);
        var vi = In(JsonStringLocalizerFactory.Vietnamese, organisationName, match.Reasons, address);
        var en = In(JsonStringLocalizerFactory.English, organisationName, match.Reasons, address);
        var (subject, body) = UserLanguageEmail.Pick(mentor.Language, vi, en, "div");
        db.Add(new OutboxEmail { To = mentor.Email, Subject = subject, HtmlBody = body, CreatedUtc = match.RequestedUtc });
    }

    private (string Subject, string Body) In(CultureInfo culture, string organisation, string? reasons, string link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var body = $"<p>{Encoder.Encode(localizer["\"{0}\" asks you to be its mentor. Accept or decline on your mentoring page.", organisation])}</p>";
            if (reasons is { Length: > 0 })
            {
                body += $"<p>{Encoder.Encode(localizer["Why you were suggested: {0}", reasons])}</p>";
            }

            return (localizer["A startup asks you to be its mentor"], $"{body}<p><a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a></p>");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
