using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// manifest.json, the archive's table of contents: what made it (product version, provider, migration level), each
/// table's row count and column types, and the size and SHA-256 of every other entry.
/// </summary>
internal sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Product { get; init; }
    public required string Provider { get; init; }
    public required DateTime CreatedUtc { get; init; }

    /// <summary>The last migration applied to the copied database; a restore brings its target to this level first.</summary>
    public required string Migration { get; init; }

    public required IReadOnlyList<string> Migrations { get; init; }
    public required bool IncludesAttachments { get; init; }
    public required IReadOnlyList<BackupTable> Tables { get; init; }
    public required IReadOnlyList<BackupFile> Files { get; init; }

    /// <summary>Files that copied rows name but that were not on disk when the backup was taken (e.g. deleted since).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static async Task<BackupManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupException("The archive holds no manifest.json: it is not a backup of this site.");
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken)
                ?? throw new BackupException("manifest.json is empty.");
        }
        catch (JsonException ex)
        {
            throw new BackupException($"manifest.json cannot be read: {ex.Message}");
        }
    }
}

/// <summary>A table's entry: its rows are in db/&lt;Name&gt;.jsonl, one JSON object per line.</summary>
internal sealed record BackupTable(string Name, long Rows, IReadOnlyList<BackupColumn> Columns)
{
    public string Entry => "db/" + Name + ".jsonl";
}

/// <summary>A column and its portable type (see PortableValues).</summary>
internal sealed record BackupColumn(string Name, string Type);

/// <summary>An entry of the archive, by its path inside it.</summary>
internal sealed record BackupFile(string Path, long Size, string Sha256);
