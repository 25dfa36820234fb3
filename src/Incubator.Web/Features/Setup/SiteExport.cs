using System.Globalization;
using Incubator.Recipes;

namespace Incubator.Web.Features.Setup;

/// <summary>The site written out as a recipe: its configuration, and its content when asked.</summary>
internal static class SiteExport
{
    public const string RecipeName = "site-export";

    public static Task<string> ExportAsync(RecipeExporter exporter, DateTime utcNow, bool includeContent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        var at = utcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var description = includeContent
            ? $"This site's configuration and content as exported on {at}."
            : $"This site's configuration (roles, taxonomies, holidays, workflow types, programmes, targets) as exported on {at}.";
        return exporter.ExportAsync(RecipeName, description, includeContent, cancellationToken);
    }

    /// <summary>The name a downloaded export is saved under.</summary>
    public static string FileName(DateTime utcNow, bool includeContent) =>
        $"site-export{(includeContent ? "-content" : string.Empty)}-{utcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.recipe.json";
}
