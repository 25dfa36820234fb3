using System.Text.RegularExpressions;
using Incubator.Core.Content;
using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Media;

/// <summary>
/// Stores uploaded images (logos, portraits) outside the web root under generated names. The type is decided
/// by the file's first bytes, never by its name or the browser's word; anything but PNG, JPEG or WebP is refused.
/// </summary>
internal sealed partial class MediaStore(IConfiguration configuration, IHostEnvironment environment)
{
    public const long MaxImageBytes = 2 * 1024 * 1024;

    public string Folder => Path.GetFullPath(configuration["Media:Folder"] ?? "App_Data/media", environment.ContentRootPath);

    /// <summary>Checks and stores an image; returns its generated name. Throws <see cref="ContentRuleException"/> for a bad file.</summary>
    public async Task<string> SaveImageAsync(IFormFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0 || file.Length > MaxImageBytes)
        {
            throw new ContentRuleException("The image must be a PNG, JPEG or WebP file of at most 2 MB.") { Field = "Logo" };
        }

        await using var input = file.OpenReadStream();
        var head = new byte[12];
        var read = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var extension = Detect(head.AsSpan(0, read))
            ?? throw new ContentRuleException("The image must be a PNG, JPEG or WebP file of at most 2 MB.") { Field = "Logo" };
        input.Position = 0;

        System.IO.Directory.CreateDirectory(Folder);
        var name = Guid.CreateVersion7().ToString("N") + extension;
        await DurableFile.WriteAsync(Path.Combine(Folder, name), output => input.CopyToAsync(output, cancellationToken));

        return name;
    }

    /// <summary>Opens a stored image by name, or null when the name is not one this store generates or the file is gone.</summary>
    public (Stream Content, string ContentType)? Open(string name)
    {
        if (!IsStoredName(name))
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        var contentType = Path.GetExtension(name) switch
        {
            ".png" => "image/png",
            ".jpg" => "image/jpeg",
            _ => "image/webp",
        };
        return (File.OpenRead(path), contentType);
    }

    /// <summary>Deletes stored images that ended up unused (their form was refused).</summary>
    public void Delete(IEnumerable<string?> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names.Where(IsStoredName))
        {
            File.Delete(Path.Combine(Folder, name!));
        }
    }

    public static bool IsStoredName(string? name) => name is not null && StoredName().IsMatch(name);

    /// <summary>The extension for PNG, JPEG and WebP signatures; null for anything else.</summary>
    internal static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ".png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ".jpg";
        }

        return head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? ".webp" : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
