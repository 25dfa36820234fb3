using System.Text.RegularExpressions;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Imports;

/// <summary>A file kept between its preview and its import, bound to the staff member who uploaded it.</summary>
internal sealed record ImportTicket(string UserId, string StoredName, ImportKind Kind, string FileName);

/// <summary>
/// Keeps an uploaded import file under a generated name in a folder outside the web root between the preview and the
/// import, so staff confirm the very file they saw previewed without uploading it again (a file input cannot be filled
/// in by the page, and a 5 MB file in a hidden field would exceed the form's limits). The page holds only a protected
/// ticket naming the file and the staff member; no row points at the file, so the sweep removes what an abandoned
/// preview left once it is older than <c>Storage:OrphanAge</c>, and a finished import deletes its file at once.
/// </summary>
internal sealed partial class ImportStore(IOptions<ImportOptions> options, IHostEnvironment environment, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Incubator.Imports.Ticket.v1");

    public string Folder { get; } = options.Value.FullFolder(environment);

    public long MaxBytes { get; } = options.Value.MaxBytes;

    public int MaxRows { get; } = options.Value.MaxRows;

    /// <summary>Whether a name has the shape <see cref="SaveAsync"/> gives: 32 hex digits and the file's type.</summary>
    public static bool IsStoredName(string name) => StoredName().IsMatch(name);

    /// <summary>
    /// Stores the upload under a new name with the given extension (".csv" or ".xlsx"); null when it is larger than
    /// <see cref="MaxBytes"/>, counted while copying rather than trusted from the request, and nothing is then kept.
    /// </summary>
    public async Task<string?> SaveAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        System.IO.Directory.CreateDirectory(Folder);
        var name = Guid.CreateVersion7().ToString("N") + extension;
        var path = Path.Combine(Folder, name);
        var tooLarge = false;
        await DurableFile.WriteAsync(path, async output =>
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    tooLarge = true;
                    return;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        });
        if (tooLarge)
        {
            File.Delete(path);
            return null;
        }

        return name;
    }

    /// <summary>The stored file's bytes; null when it is gone (imported, or swept after a long wait).</summary>
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, name);
        return IsStoredName(name) && File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public void Delete(string name)
    {
        if (IsStoredName(name))
        {
            File.Delete(Path.Combine(Folder, name));
        }
    }

    /// <summary>The ticket as the page carries it: protected, so it can be neither read nor forged.</summary>
    public string Protect(ImportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return _protector.Protect(string.Join('\n', ticket.UserId, ticket.StoredName, ticket.Kind.ToString(), ticket.FileName));
    }

    /// <summary>The ticket, when it is genuine and was given to <paramref name="userId"/>; else null.</summary>
    public ImportTicket? Unprotect(string? token, string userId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = text.Split('\n');
        return parts.Length == 4 && parts[0] == userId && IsStoredName(parts[1]) && Enum.TryParse<ImportKind>(parts[2], out var kind)
            ? new ImportTicket(parts[0], parts[1], kind, parts[3])
            : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(csv|xlsx)$")]
    private static partial Regex StoredName();
}
