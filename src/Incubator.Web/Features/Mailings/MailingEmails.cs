using System.Globalization;
using System.Text.Encodings.Web;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// Turns a mailing and one recipient into an outbox e-mail: the Markdown body rendered once per language by the site's
/// sanitising renderer, the merge fields filled with the recipient's values (HTML-encoded in the body), and an
/// unsubscribe link on the site's configured address, also given as RFC 8058 one-click headers.
/// </summary>
internal sealed class MailingEmails(SiteLinks links, UnsubscribeTokens tokens, IStringLocalizer<MailingEmails> localizer)
{
    /// <summary>Encodes markup but keeps Vietnamese letters as they are, so the e-mail's source stays readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static readonly string[] NameFields = ["{{ten}}", "{{name}}"];
    private static readonly string[] OrganisationFields = ["{{to_chuc}}", "{{organisation}}"];

    /// <summary>A mailing's texts, rendered once for all its recipients.</summary>
    internal sealed record Template(string MailingId, string SubjectVi, string HtmlVi, string FooterVi, string? SubjectEn, string? HtmlEn, string? FooterEn);

    /// <summary>Whether the mailing has a whole English version (subject and body).</summary>
    public static bool HasEnglish(Mailing mailing) => !string.IsNullOrWhiteSpace(mailing.SubjectEn) && !string.IsNullOrWhiteSpace(mailing.BodyEn);

    public Template Prepare(Mailing mailing)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        var english = HasEnglish(mailing);
        return new Template(
            mailing.Id, mailing.SubjectVi, MarkdownRenderer.ToHtml(mailing.BodyVi), InCulture(JsonStringLocalizerFactory.Vietnamese, Footer),
            english ? mailing.SubjectEn : null, english ? MarkdownRenderer.ToHtml(mailing.BodyEn) : null, english ? InCulture(JsonStringLocalizerFactory.English, Footer) : null);
    }

    public OutboxEmail Compose(Template template, MailingRecipient recipient, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(recipient);
        var english = recipient.Language == UserLanguage.English && template.HtmlEn is not null;
        var link = UnsubscribeLink(recipient.PersonId, template.MailingId);
        var subject = Merge(english ? template.SubjectEn! : template.SubjectVi, recipient, encode: false);
        var body = Merge(english ? template.HtmlEn! : template.HtmlVi, recipient, encode: true);
        var footer = string.Format(CultureInfo.InvariantCulture, english ? template.FooterEn! : template.FooterVi, Encoder.Encode(link));
        return new OutboxEmail
        {
            To = recipient.Email,
            Subject = subject.Length <= 300 ? subject : subject[..299] + "…",
            HtmlBody = $"<div lang=\"{(english ? "en" : "vi")}\">{body}<hr><p>{footer}</p></div>",
            Headers = OutboxHeaders.Write([new("List-Unsubscribe", $"<{link}>"), new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]),
            CreatedUtc = now,
        };
    }

    public string UnsubscribeLink(string personId, string mailingId) => links.Page("/Mailings/Unsubscribe", new { token = tokens.Create(personId, mailingId) });

    /// <summary>The footer's text with <c>{0}</c> left for the link (the localiser's own placeholder, filled per recipient).</summary>
    private string Footer() => localizer["You receive this e-mail because you agreed to receive news from us. <a href=\"{0}\">Unsubscribe</a>.", "{0}"];

    private static string Merge(string text, MailingRecipient recipient, bool encode)
    {
        var name = encode ? Encoder.Encode(recipient.Name) : recipient.Name;
        var organisation = recipient.OrganisationName ?? string.Empty;
        organisation = encode ? Encoder.Encode(organisation) : organisation;
        foreach (var field in NameFields)
        {
            text = text.Replace(field, name, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var field in OrganisationFields)
        {
            text = text.Replace(field, organisation, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

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
}
