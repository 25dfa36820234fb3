using System.IO.Compression;
using System.Text;

namespace Incubator.UnitTests.Applications;

/// <summary>Minimal real files of each kind, built in memory: only as much as the detector and a reader need.</summary>
internal static class Samples
{
    public static byte[] Pdf => "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    public static byte[] Ole => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    public static byte[] Docx => OfficeOpenXml("word/document.xml");

    public static byte[] Xlsx => OfficeOpenXml("xl/workbook.xml");

    public static byte[] Pptx => OfficeOpenXml("ppt/presentation.xml");

    public static byte[] Odt => OpenDocument("application/vnd.oasis.opendocument.text");

    public static byte[] Ods => OpenDocument("application/vnd.oasis.opendocument.spreadsheet");

    public static byte[] PlainZip => Zip(("notes.txt", "Xin chào"), ("budget.csv", "1;2;3"));

    public static byte[] Random
    {
        get
        {
            var bytes = new byte[4096];
            new System.Random(42).NextBytes(bytes);
            bytes[0] = 0x00; // no accidental signature
            return bytes;
        }
    }

    public static byte[] Get(string kind) => kind switch
    {
        "pdf" => Pdf,
        "png" => Png,
        "jpeg" => Jpeg,
        "ole" => Ole,
        "docx" => Docx,
        "xlsx" => Xlsx,
        "pptx" => Pptx,
        "odt" => Odt,
        "ods" => Ods,
        "zip" => PlainZip,
        "random" => Random,
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static byte[] OfficeOpenXml(params string[] parts) =>
        Zip([("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
            .. parts.Select(p => (p, "<?xml version=\"1.0\"?><root/>"))]);

    public static byte[] OpenDocument(string mimetype) =>
        Zip(("mimetype", mimetype), ("content.xml", "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"), ("META-INF/manifest.xml", "<manifest/>"));

    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                // OpenDocument wants its mimetype entry stored, not deflated; the others do not care.
                var entry = archive.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
                // A fixed time, so two reads of one sample are the same bytes even across a clock tick.
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }
}
