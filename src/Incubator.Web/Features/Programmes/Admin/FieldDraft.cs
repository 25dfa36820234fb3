namespace Incubator.Web.Features.Programmes.Admin;

/// <summary>
/// A form field as the builder's inputs hold it. Choices are typed one a line ("Nhãn | Label"); the values stored
/// answers refer to are kept in <see cref="OptionValues"/> ("value|Nhãn" a line) so that a choice keeps its value
/// while its label stays the same, wherever it moves in the list.
/// </summary>
internal sealed class FieldDraft
{
    public string Key { get; set; } = string.Empty;
    public FormFieldType Type { get; set; } = FormFieldType.Text;
    public string LabelVi { get; set; } = string.Empty;
    public string LabelEn { get; set; } = string.Empty;
    public string HelpVi { get; set; } = string.Empty;
    public string HelpEn { get; set; } = string.Empty;
    public bool Required { get; set; }
    public string Options { get; set; } = string.Empty;
    public string OptionValues { get; set; } = string.Empty;
    public string MaxLength { get; set; } = string.Empty;
    public string FileTypes { get; set; } = string.Empty;
    public string MaxFileSizeMb { get; set; } = string.Empty;
    public string MaxFiles { get; set; } = string.Empty;

    public bool HasChoices => Type is FormFieldType.Choice or FormFieldType.MultiChoice;

    public bool HasLength => Type is FormFieldType.Text or FormFieldType.LongText;

    public bool IsFile => Type == FormFieldType.File;

    /// <summary>The choices as typed: (Vietnamese, English) per non-blank line.</summary>
    public IReadOnlyList<(string Vi, string En)> Choices =>
        [.. Options.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l =>
        {
            var bar = l.IndexOf('|', StringComparison.Ordinal);
            return bar < 0 ? (l, string.Empty) : (l[..bar].Trim(), l[(bar + 1)..].Trim());
        })];
}
