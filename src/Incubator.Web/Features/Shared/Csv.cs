using System.Text;

namespace Incubator.Web.Features.Shared;

/// <summary>
/// CSV for spreadsheets (RFC 4180, CRLF lines, UTF-8 with a byte-order mark so Excel reads Vietnamese). Every cell is
/// text from applicants as far as a spreadsheet knows, so one that a spreadsheet would take for a formula is defused.
/// </summary>
internal static class Csv
{
    /// <summary>The characters with which Excel, LibreOffice and Google Sheets start a formula or a DDE call.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// One cell: prefixed with an apostrophe when it starts like a formula (OWASP's advice against CSV injection; the
    /// spreadsheet then shows the text as written), and quoted when it holds a separator, a quote or a line break.
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && FormulaStarts.Contains(text[0]))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>The rows as one CSV document's bytes, the first row being the header.</summary>
    public static byte[] Write(IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(builder.ToString())];
    }
}
