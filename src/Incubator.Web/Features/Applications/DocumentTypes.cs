using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace Incubator.Web.Features.Applications;

/// <summary>A file type an attachment may have: its canonical extension and its MIME type.</summary>
internal sealed record DocumentType(string Extension, string ContentType);

/// <summary>What a file's content says it is, before its name is taken into account.</summary>
internal enum DocumentFamily
{
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,

    /// <summary>An OLE compound file: Word 97-2003 or Excel 97-2003; the header alone cannot tell which.</summary>
    LegacyOffice,
}

/// <summary>
/// Decides what an uploaded document really is from its bytes; the name only has to agree. Pure: no I/O beyond
/// reading the stream it is given.
/// </summary>
internal static class DocumentTypes
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to recognise every signature.</summary>
    public const int HeadLength = 8;

    /// <summary>
    /// Real Office and OpenDocument files hold tens of entries, rarely hundreds. Anything longer is refused
    /// rather than walked; the upload size limit already bounds what the archive reader parses.
    /// </summary>
    public const int MaxZipEntries = 1000;

    public static readonly DocumentType Pdf = new(".pdf", "application/pdf");
    public static readonly DocumentType Png = new(".png", "image/png");
    public static readonly DocumentType Jpeg = new(".jpg", "image/jpeg");
    public static readonly DocumentType Docx = new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly DocumentType Xlsx = new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static readonly DocumentType Pptx = new(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    public static readonly DocumentType Odt = new(".odt", "application/vnd.oasis.opendocument.text");
    public static readonly DocumentType Ods = new(".ods", "application/vnd.oasis.opendocument.spreadsheet");
    public static readonly DocumentType Doc = new(".doc", "application/msword");
    public static readonly DocumentType Xls = new(".xls", "application/vnd.ms-excel");

    // Every extension a user's file name may claim, with the family its content must have and the type it then
    // gets. Only for the OLE family does the claim choose the type; otherwise the content alone decides it.
    private static readonly FrozenDictionary<string, (DocumentFamily Family, DocumentType Type)> Claims =
        new Dictionary<string, (DocumentFamily, DocumentType)>(StringComparer.OrdinalIgnoreCase)
        {
            [".pdf"] = (DocumentFamily.Pdf, Pdf),
            [".png"] = (DocumentFamily.Png, Png),
            [".jpg"] = (DocumentFamily.Jpeg, Jpeg),
            [".jpeg"] = (DocumentFamily.Jpeg, Jpeg),
            [".docx"] = (DocumentFamily.Docx, Docx),
            [".xlsx"] = (DocumentFamily.Xlsx, Xlsx),
            [".pptx"] = (DocumentFamily.Pptx, Pptx),
            [".odt"] = (DocumentFamily.Odt, Odt),
            [".ods"] = (DocumentFamily.Ods, Ods),
            [".doc"] = (DocumentFamily.LegacyOffice, Doc),
            [".xls"] = (DocumentFamily.LegacyOffice, Xls),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, DocumentType> ByCanonicalExtension =
        Claims.Values.Select(c => c.Type).Distinct().ToFrozenDictionary(t => t.Extension, StringComparer.Ordinal);

    /// <summary>
    /// The family the content belongs to, or null when it is none of the accepted ones. <paramref name="head"/> is
    /// the file's first bytes (at least <see cref="HeadLength"/> when the file is that long); <paramref name="content"/>
    /// is the whole file, seekable, and is only read when the head is a ZIP signature.
    /// </summary>
    public static DocumentFamily? Detect(ReadOnlySpan<byte> head, Stream? content)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return DocumentFamily.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentFamily.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentFamily.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return DocumentFamily.LegacyOffice;
        }

        // Only a local file header: an empty archive (PK\x05\x06) or a spanned one cannot be a document.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) && content is { CanSeek: true, CanRead: true })
        {
            return DetectZip(content);
        }

        return null;
    }

    /// <summary>
    /// The type a file gets when its name's extension agrees with the family of its content; null when the
    /// name claims something else (a PDF renamed .docx) or nothing at all.
    /// </summary>
    public static DocumentType? Resolve(DocumentFamily family, string? fileName) =>
        Claims.TryGetValue(Path.GetExtension(fileName) ?? "", out var claim) && claim.Family == family ? claim.Type : null;

    /// <summary>The type for a canonical extension, as stored names carry it; null for anything else.</summary>
    public static DocumentType? FromExtension(string extension) => ByCanonicalExtension.GetValueOrDefault(extension);

    /// <summary>Every type an attachment may end up with.</summary>
    public static IReadOnlyCollection<DocumentType> All => ByCanonicalExtension.Values;

    private static DocumentFamily? DetectZip(Stream content)
    {
        content.Position = 0;
        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxZipEntries)
            {
                return null;
            }

            // Only names are listed; nothing is extracted except the few bytes of an OpenDocument mimetype entry.
            ZipArchiveEntry? mimetype = null;
            bool contentTypes = false, word = false, excel = false, powerPoint = false, macros = false;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                if (name == "mimetype")
                {
                    mimetype = entry;
                }

                contentTypes |= name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);
                word |= name.StartsWith("word/", StringComparison.OrdinalIgnoreCase);
                excel |= name.StartsWith("xl/", StringComparison.OrdinalIgnoreCase);
                powerPoint |= name.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase);
                // A macro project makes it a .docm/.xlsm/.pptm in disguise, which is not an accepted type.
                macros |= name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase);
            }

            if (mimetype is not null)
            {
                // An archive that is both OpenDocument and Office Open XML is a polyglot, not a document.
                return contentTypes ? null : ReadMimetype(mimetype) switch
                {
                    "application/vnd.oasis.opendocument.text" => DocumentFamily.Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => DocumentFamily.Ods,
                    _ => null,
                };
            }

            if (!contentTypes || macros)
            {
                return null;
            }

            return (word, excel, powerPoint) switch
            {
                (true, false, false) => DocumentFamily.Docx,
                (false, true, false) => DocumentFamily.Xlsx,
                (false, false, true) => DocumentFamily.Pptx,
                _ => null,
            };
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            // A damaged or deliberately malformed archive is simply not an accepted document.
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static string? ReadMimetype(ZipArchiveEntry entry)
    {
        // The longest accepted value is 46 bytes; reading a little more tells a longer value apart without
        // decompressing whatever a hostile entry might expand to.
        const int limit = 64;
        if (entry.Length > limit)
        {
            return null;
        }

        using var stream = entry.Open();
        var buffer = new byte[limit + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read > limit ? null : Encoding.ASCII.GetString(buffer, 0, read);
    }
}
