namespace Incubator.Web.Features.Imports;

/// <summary>One refusal of a row: the field (a column's field name) and the message in the reader's language.</summary>
/// <param name="PersonId">The person already holding this e-mail or phone, for a link to them.</param>
internal sealed record ImportError(string Field, string Message, string? PersonId = null);

/// <summary>A data row of the file as the preview shows it: its values by field and what is wrong with it.</summary>
internal sealed class ImportRow(int number, IReadOnlyDictionary<string, string> values)
{
    public int Number { get; } = number;
    public IReadOnlyDictionary<string, string> Values { get; } = values;
    public List<ImportError> Errors { get; } = [];

    public string Value(string field) => Values.TryGetValue(field, out var value) ? value : string.Empty;

    public void Refuse(string field, string message, string? personId = null) => Errors.Add(new ImportError(field, message, personId));
}

/// <summary>
/// What a file would import: every row with its values and errors, refusals of the whole file (a missing required
/// column), the headers no column reads, and whether any row gives consent (then the import needs a stated basis).
/// </summary>
internal sealed class ImportPreview(ImportKind kind, IReadOnlyList<ImportColumn> columns)
{
    public ImportKind Kind { get; } = kind;
    public IReadOnlyList<ImportColumn> Columns { get; } = columns;
    public List<ImportRow> Rows { get; } = [];
    public List<string> FileErrors { get; } = [];
    public List<string> Ignored { get; } = [];
    public bool HasConsent { get; set; }

    public int Good => Rows.Count(r => r.Errors.Count == 0);
    public int Bad => Rows.Count(r => r.Errors.Count > 0);

    /// <summary>Whether the file may be imported: no refusal of the file and none of any row (no partial import).</summary>
    public bool Importable => FileErrors.Count == 0 && Rows.Count > 0 && Bad == 0;
}
