namespace Incubator.Web.Features.Account;

/// <summary>
/// An e-mail to a user in the language they chose (<see cref="User.Language"/>): the Vietnamese or the English text,
/// or, when they chose none, both — Vietnamese first, the subjects joined by " / ", the bodies by a rule — each part
/// marked with its <c>lang</c>.
/// </summary>
internal static class UserLanguageEmail
{
    /// <param name="element">The element wrapping each language's body: <c>p</c> for a sentence, <c>div</c> for paragraphs.</param>
    public static (string Subject, string Body) Pick(string? language, (string Subject, string Body) vi, (string Subject, string Body) en, string element = "p") => language switch
    {
        "vi" => (vi.Subject, $"<{element} lang=\"vi\">{vi.Body}</{element}>"),
        "en" => (en.Subject, $"<{element} lang=\"en\">{en.Body}</{element}>"),
        _ => ($"{vi.Subject} / {en.Subject}", $"<{element} lang=\"vi\">{vi.Body}</{element}>\n<hr>\n<{element} lang=\"en\">{en.Body}</{element}>"),
    };
}
