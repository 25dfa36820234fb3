namespace Incubator.Web.Features.Applications;

/// <summary>
/// What the _ErrorSummary partial draws at the top of a page whose form was refused (the GOV.UK error summary): an
/// optional sentence, then each problem as a link to the field it is about.
/// </summary>
internal sealed record ErrorSummary(string? Intro, IReadOnlyList<ErrorSummary.Item> Items)
{
    /// <summary>One problem: the link to its field (a fragment, or a page and fragment) and the message naming the field.</summary>
    public sealed record Item(string Href, string Message);
}
