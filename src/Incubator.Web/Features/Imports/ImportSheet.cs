using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Incubator.Core.Time;
using MiniExcelLibs;

namespace Incubator.Web.Features.Imports;

/// <summary>Why a file could not be read at all (as opposed to a row's error).</summary>
internal enum SheetProblem
{
    None,
    NotUtf8,
    Broken,
    Empty,
    TooManyRows,
}

/// <summary>
/// A file's cells as text: the header row and the data rows, each with its number as a spreadsheet shows it (the
/// header is row 1). Rows with no text at all are left out but keep the numbering, so "row 7" is row 7 in Excel.
/// </summary>
internal sealed class ImportSheet
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyList<string> Headers { get; private init; } = [];
    public IReadOnlyList<(int Number, IReadOnlyList<string> Cells)> Rows { get; private init; } = [];
    public SheetProblem Problem { get; private init; }

    /// <summary>Reads a .csv (UTF-8 with or without a byte-order mark; comma or semicolon) or an .xlsx (its first sheet).</summary>
    public static ImportSheet Read(byte[] content, bool xlsx, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return From(xlsx ? ReadXlsx(content) : ReadCsv(content), maxRows);
        }
        catch (DecoderFallbackException)
        {
            return new ImportSheet { Problem = SheetProblem.NotUtf8 };
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            // A file that is not what its name says (a renamed .xls, a damaged zip, a CSV with a stray quote): the page
            // says the file cannot be read, never more.
            return new ImportSheet { Problem = SheetProblem.Broken };
        }
    }

    private static ImportSheet From(IEnumerable<IReadOnlyList<string>> records, int maxRows)
    {
        List<string>? headers = null;
        var rows = new List<(int, IReadOnlyList<string>)>();
        var number = 0;
        foreach (var record in records)
        {
            number++;
            if (headers is null)
            {
                headers = [.. record.Select(c => c.Trim())];
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new ImportSheet { Problem = SheetProblem.TooManyRows };
            }

            rows.Add((number, record));
        }

        return headers is null || rows.Count == 0
            ? new ImportSheet { Problem = SheetProblem.Empty }
            : new ImportSheet { Headers = headers, Rows = rows };
    }

    private static List<IReadOnlyList<string>> ReadCsv(byte[] content)
    {
        var text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
        var firstLine = text.AsSpan()[..(text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length)];

        // Excel saves CSV with a semicolon where the decimal separator is a comma (Vietnamese settings): the header row,
        // which holds no numbers, tells which one the file uses.
        var delimiter = firstLine.Count(';') > firstLine.Count(',') ? ";" : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,

            // A blank line is a row of the spreadsheet: kept here (and left out later) so row numbers match Excel's.
            IgnoreBlankLines = false,
            BadDataFound = context => throw new BadDataException(context.Field, context.RawRecord, context.Context, "A stray quote."),
        };
        var records = new List<IReadOnlyList<string>>();
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        while (parser.Read())
        {
            records.Add(parser.Record ?? []);
        }

        return records;
    }

    private static List<IReadOnlyList<string>> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var records = new List<IReadOnlyList<string>>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            records.Add([.. row.Values.Select(Text)]);
        }

        return records;
    }

    /// <summary>A cell as text: numbers without a thousands separator or a needless ".0", dates as dd/MM/yyyy.</summary>
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => VietnamTime.FormatDate(DateOnly.FromDateTime(t)),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
