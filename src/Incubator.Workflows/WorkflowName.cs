using System.Text.Json.Serialization;

namespace Incubator.Workflows;

/// <summary>
/// What people read for a workflow type, an activity or an outcome: <c>{ "vi": "...", "en": "..." }</c>. A definition
/// written before names had two languages gives one text (<c>"name": "Support application approval"</c>); it is kept
/// as <see cref="Text"/>, in whichever language it was written, and written back the same way, so an installed
/// version's stored definition never changes.
/// </summary>
[JsonConverter(typeof(WorkflowNameJsonConverter))]
public sealed class WorkflowName
{
    /// <summary>A name in both languages; <paramref name="en"/> may be left out.</summary>
    public WorkflowName(string vi, string? en = null)
        : this(vi, en, null)
    {
    }

    private WorkflowName(string? vi, string? en, string? text) => (Vi, En, Text) = (vi, en, text);

    /// <summary>The Vietnamese name; null for a one-text name.</summary>
    public string? Vi { get; }

    /// <summary>The English name, if given.</summary>
    public string? En { get; }

    /// <summary>The one text of an older definition, language unknown; null for a name in both languages.</summary>
    public string? Text { get; }

    /// <summary>True when the name came as one text rather than per language.</summary>
    public bool IsText => Text is not null;

    /// <summary>A name from one text, as older definitions give it.</summary>
    public static WorkflowName FromText(string text) => new(null, null, text);

    /// <summary>
    /// The name written for <paramref name="language"/> ("vi" or "en"), or null when it was not written in that
    /// language (a one-text name is in no known language).
    /// </summary>
    public string? InLanguage(string language) => language switch
    {
        "vi" => Blank(Vi),
        "en" => Blank(En),
        _ => null,
    };

    /// <summary>Some readable text: the Vietnamese name, else the English one, else the one text.</summary>
    public string? AnyText() => Blank(Vi) ?? Blank(En) ?? Blank(Text);

    /// <inheritdoc />
    public override string ToString() => AnyText() ?? string.Empty;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
