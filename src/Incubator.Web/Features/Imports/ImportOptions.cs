namespace Incubator.Web.Features.Imports;

/// <summary>The <c>Imports</c> settings: where uploaded files wait between preview and import, and the limits.</summary>
internal sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Relative to the content root; outside the web root, so an uploaded file is never served.</summary>
    public string Folder { get; set; } = "App_Data/imports";

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The most data rows (below the header) one file may hold.</summary>
    public int MaxRows { get; set; } = 5000;

    public static IEnumerable<string> Problems(ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            yield return "Imports:Folder must name a folder.";
        }

        if (options.MaxBytes < 1)
        {
            yield return $"Imports:MaxBytes must be a positive number of bytes, not {options.MaxBytes}.";
        }

        if (options.MaxRows < 1)
        {
            yield return $"Imports:MaxRows must be a positive number of rows, not {options.MaxRows}.";
        }
    }

    /// <summary>The folder as a full path.</summary>
    public string FullFolder(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(Folder, environment.ContentRootPath);
    }
}
