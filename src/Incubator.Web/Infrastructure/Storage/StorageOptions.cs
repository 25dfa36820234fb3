namespace Incubator.Web.Infrastructure.Storage;

/// <summary>The <c>Storage</c> settings: how the stored-file folders are swept (see <see cref="StoredFileSweeper"/>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>How often the sweep runs after the one at start; zero turns it off.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How old a partial or unreferenced file must be before the sweep removes it.</summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromHours(1);

    public static IEnumerable<string> Problems(StorageOptions options)
    {
        if (options.SweepInterval < TimeSpan.Zero)
        {
            yield return $"Storage:SweepInterval must be zero (off) or a positive time span, not {options.SweepInterval}.";
        }

        if (options.OrphanAge < TimeSpan.FromMinutes(5))
        {
            yield return $"Storage:OrphanAge must be at least 00:05:00, so an upload being saved is never taken for an orphan, not {options.OrphanAge}.";
        }
    }
}
