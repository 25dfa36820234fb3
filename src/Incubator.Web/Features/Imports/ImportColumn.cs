using Incubator.Core.Text;

namespace Incubator.Web.Features.Imports;

/// <summary>
/// A column an import reads: its field, its label (an English key of the localiser) and the header names accepted in
/// Vietnamese and English; the first name is the template's header.
/// </summary>
internal sealed record ImportColumn(string Field, string Label, bool Required, params string[] Headers)
{
    /// <summary>A header as it is compared: without accents, case, spaces or punctuation ("Họ và tên" is "hovaten").</summary>
    public static string Fold(string header) =>
        new([.. VietnameseText.Fold(VietnameseText.ToNfc(header ?? string.Empty)).Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// A cell's text as an import reads it: in NFC, trimmed, and without the apostrophe a CSV export puts before a cell
    /// that starts like a formula (<see cref="Shared.Csv.Cell"/>), so the site's own exports read back as written.
    /// </summary>
    public static string Cell(string? text)
    {
        var value = VietnameseText.ToNfc(text ?? string.Empty).Trim();
        return value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
    }

    /// <summary>
    /// Which cell of a row each column reads, the headers no column takes (ignored, and said so), and the columns named
    /// twice (a refusal: the file would say two things about one field).
    /// </summary>
    public static (Dictionary<string, int> Cells, List<string> Ignored, List<ImportColumn> Twice) Map(IReadOnlyList<ImportColumn> columns, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(headers);
        var cells = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var twice = new List<ImportColumn>();
        for (var i = 0; i < headers.Count; i++)
        {
            var folded = Fold(headers[i]);
            if (folded.Length == 0)
            {
                continue;
            }

            var column = columns.FirstOrDefault(c => c.Headers.Any(h => Fold(h) == folded));
            if (column is null)
            {
                ignored.Add(headers[i]);
            }
            else if (!cells.TryAdd(column.Field, i) && !twice.Contains(column))
            {
                twice.Add(column);
            }
        }

        return (cells, ignored, twice);
    }
}
