using Incubator.Web.Data;

namespace Incubator.Web.Features.Setup;

/// <summary>A site-wide setting kept in the database (applied recipes, the active theme...).</summary>
internal sealed class SiteSetting
{
    public string Key { get; set; } = string.Empty;
    public string Value { get; set; } = string.Empty;
}

internal static class SiteSettingExtensions
{
    /// <summary>Adds or updates a setting in the context (saved with the caller's next save); returns whether it changed.</summary>
    public static async Task<bool> SetSettingAsync(this IncubatorDbContext db, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.SiteSettings.FindAsync([key], cancellationToken);
        if (row is null)
        {
            db.SiteSettings.Add(new SiteSetting { Key = key, Value = value });
            return true;
        }

        if (row.Value == value)
        {
            return false;
        }

        row.Value = value;
        return true;
    }
}
