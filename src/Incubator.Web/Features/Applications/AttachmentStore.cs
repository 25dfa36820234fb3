using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Incubator.Web.Features.Applications;

/// <summary>The outcome of <see cref="AttachmentStore.SaveAsync(Stream, string?, CancellationToken)"/>: stored or refused.</summary>
internal abstract record AttachmentSaveResult;

/// <summary>A stored attachment: the generated name to keep, its detected type and size, and the name to show.</summary>
internal sealed record StoredAttachment(string StoredName, string ContentType, long Size, string DisplayName) : AttachmentSaveResult;

/// <summary>An upload that was refused; nothing of it is left on disk.</summary>
internal sealed record RefusedAttachment(AttachmentError Error) : AttachmentSaveResult
{
    /// <summary>An English sentence, also the localisation key (Resources/vi.json).</summary>
    public string Message => Error switch
    {
        AttachmentError.Empty => "The file is empty.",
        AttachmentError.TooLarge => "The file is larger than the allowed size.",
        AttachmentError.TypeNotAllowed => "Only PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG files are accepted.",
        AttachmentError.ExtensionMismatch => "The file's extension does not match its content.",
        _ => throw new ArgumentOutOfRangeException(nameof(Error), Error, null),
    };
}

public enum AttachmentError
{
    Empty,
    TooLarge,
    TypeNotAllowed,
    ExtensionMismatch,
}

/// <summary>
/// Stores documents attached to support applications outside the web root under generated names. The type is
/// decided by content (<see cref="DocumentTypes"/>) and the name must agree; the size limit is counted while the
/// upload is copied, since a declared length proves nothing. Serving is the caller's job, after its own
/// permission check, through <see cref="AttachmentDownload"/>.
/// </summary>
internal sealed partial class AttachmentStore(Microsoft.Extensions.Options.IOptions<AttachmentOptions> options, IHostEnvironment environment)
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const int MaxDisplayNameLength = 120;

    private const string FallbackDisplayName = "attachment";

    /// <summary>The folder, from <c>Attachments:Folder</c> relative to the content root (checked at start by <see cref="AttachmentOptionsValidator"/>).</summary>
    public string Folder { get; } = options.Value.FullFolder(environment);

    /// <summary>The largest accepted upload in bytes, from <c>Attachments:MaxBytes</c>.</summary>
    public long MaxBytes { get; } = options.Value.MaxBytes;

    /// <summary>Checks and stores an uploaded form file.</summary>
    public async Task<AttachmentSaveResult> SaveAsync(IFormFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        // The declared length may refuse early; it never accepts (the copy below counts for itself).
        if (file.Length > MaxBytes)
        {
            return new RefusedAttachment(AttachmentError.TooLarge);
        }

        await using var content = file.OpenReadStream();
        return await SaveAsync(content, file.FileName, cancellationToken);
    }

    /// <summary>
    /// Checks and stores a document read from <paramref name="content"/>; <paramref name="fileName"/> is the name the
    /// user gave it. A refusal, an exception or a cancellation leaves no file behind.
    /// </summary>
    public async Task<AttachmentSaveResult> SaveAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        System.IO.Directory.CreateDirectory(Folder);
        var id = Guid.CreateVersion7().ToString("N");
        // The partial file's name does not match StoredName(), so Open never serves it.
        var partial = Path.Combine(Folder, id + Infrastructure.Storage.StoredFileSweeper.PartialExtension);
        try
        {
            var size = await CopyAtMostAsync(content, partial, MaxBytes, cancellationToken);
            if (size == 0)
            {
                return Refuse(partial, AttachmentError.Empty);
            }

            if (size > MaxBytes)
            {
                return Refuse(partial, AttachmentError.TooLarge);
            }

            DocumentFamily? family;
            await using (var written = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.None))
            {
                var head = new byte[DocumentTypes.HeadLength];
                var read = await written.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                family = DocumentTypes.Detect(head.AsSpan(0, read), written);
            }

            if (family is null)
            {
                return Refuse(partial, AttachmentError.TypeNotAllowed);
            }

            var displayName = CleanDisplayName(fileName);
            if (DocumentTypes.Resolve(family.Value, displayName) is not { } type)
            {
                return Refuse(partial, AttachmentError.ExtensionMismatch);
            }

            var storedName = id + type.Extension;
            File.Move(partial, Path.Combine(Folder, storedName));
            return new StoredAttachment(storedName, type.ContentType, size, displayName);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Opens a stored attachment, or null when the name is not one this store generates or the file is gone.</summary>
    public (Stream Content, string ContentType)? Open(string? storedName)
    {
        if (!IsStoredName(storedName) || DocumentTypes.FromExtension(Path.GetExtension(storedName)) is not { } type)
        {
            return null;
        }

        try
        {
            var stream = new FileStream(Path.Combine(Folder, storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return (stream, type.ContentType);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes a stored attachment; false when the name is not one this store generates or nothing was there.</summary>
    public bool Delete(string? storedName)
    {
        if (!IsStoredName(storedName))
        {
            return false;
        }

        var path = Path.Combine(Folder, storedName);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Whether a name has the exact shape this store generates; anything else (paths included) is refused.</summary>
    public static bool IsStoredName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) =>
        name is not null && StoredName().IsMatch(name);

    /// <summary>
    /// A file name fit to show and to offer as a download name: no folders, no control or direction-changing
    /// characters, none of the characters Windows forbids, at most <see cref="MaxDisplayNameLength"/> characters
    /// with the extension kept. Vietnamese letters stay, composed (macOS sends them decomposed).
    /// </summary>
    public static string CleanDisplayName(string? fileName)
    {
        // Old browsers send the whole client path, with either separator.
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];

        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune == Rune.ReplacementChar || category is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else if (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append('_');
            }
            else
            {
                builder.Append(rune);
            }
        }

        // Trailing dots and spaces vanish on Windows anyway; leading ones would hide the file on Unix.
        name = Spaces().Replace(builder.ToString().Normalize(NormalizationForm.FormC), " ").TrimEnd(' ', '.');
        var extension = Path.GetExtension(name);
        if (extension.Length > 16 || extension.Contains(' ', StringComparison.Ordinal))
        {
            extension = "";
        }

        var stem = name[..^extension.Length].Trim(' ', '.');
        if (stem.Length + extension.Length > MaxDisplayNameLength)
        {
            stem = CutAtTextElement(stem, MaxDisplayNameLength - extension.Length).TrimEnd(' ', '.');
        }

        return (stem.Length == 0 ? FallbackDisplayName : stem) + extension;
    }

    // Copies until the limit is passed by one byte, which is enough to know the upload is too large.
    private static async Task<long> CopyAtMostAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return total;
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        // On the disk before the name is given and the row committed: a row must never outlive a crash without its file.
        output.Flush(flushToDisk: true);
        return total;
    }

    private static RefusedAttachment Refuse(string partial, AttachmentError error)
    {
        File.Delete(partial);
        return new RefusedAttachment(error);
    }

    // Never splits a letter from its marks or a surrogate pair.
    private static string CutAtTextElement(string text, int maxLength)
    {
        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(length));
            if (length + next > maxLength)
            {
                break;
            }

            length += next;
        }

        return text[..length];
    }

    // \z, not $: a name with a trailing newline must not pass.
    [GeneratedRegex("^[0-9a-f]{32}\\.(pdf|png|jpg|docx|xlsx|pptx|odt|ods|doc|xls)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
