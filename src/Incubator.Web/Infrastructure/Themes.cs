using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Incubator.Web.Infrastructure;

/// <summary>A theme's manifest: its theme.json, embedded in the theme's assembly.</summary>
internal sealed record ThemeManifest(string Name, string DisplayName, string Kind, string Layout, IReadOnlyList<string> Stylesheets)
{
    /// <summary>The folder holding the theme's views, e.g. "/Themes/Public".</summary>
    public string ViewFolder => Layout[..Layout.LastIndexOf('/')];
}

/// <summary>
/// Finds the installed themes (referenced assemblies carrying a theme.json) and says which is active:
/// setting <c>Theme:Public</c> picks the public theme, <c>Theme:Admin</c> the back-office theme.
/// </summary>
internal sealed class ThemeRegistry
{
    public ThemeRegistry(Microsoft.Extensions.Options.IOptions<ThemeOptions> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Installed = FindInstalled();
        Public = Pick("public", settings.Value.Public);
        Admin = Pick("admin", settings.Value.Admin);
    }

    /// <summary>The themes the site's assemblies carry, by name.</summary>
    public static IReadOnlyList<ThemeManifest> FindInstalled()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return AppDomain.CurrentDomain.GetAssemblies()
            .Concat(typeof(ThemeRegistry).Assembly.GetReferencedAssemblies().Select(Assembly.Load))
            .Distinct()
            .Where(a => !a.IsDynamic && a.GetManifestResourceNames().Contains("theme.json"))
            .Select(a =>
            {
                using var stream = a.GetManifestResourceStream("theme.json")!;
                return JsonSerializer.Deserialize<ThemeManifest>(stream, options)!;
            })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<ThemeManifest> Installed { get; }
    public ThemeManifest Public { get; }
    public ThemeManifest Admin { get; }

    private ThemeManifest Pick(string kind, string? configured)
    {
        var candidates = Installed.Where(t => t.Kind == kind).ToList();
        if (string.IsNullOrEmpty(configured))
        {
            return candidates.FirstOrDefault() ?? throw new InvalidOperationException($"No {kind} theme is installed.");
        }

        return candidates.FirstOrDefault(t => t.Name == configured)
            ?? throw new InvalidOperationException($"Theme '{configured}' is not an installed {kind} theme; installed: {string.Join(", ", candidates.Select(t => t.Name))}.");
    }
}

/// <summary>Looks for partial views in the active themes' folders first, so a theme can override a feature's view.</summary>
internal sealed class ThemeViewLocationExpander : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var themes = context.ActionContext.HttpContext.RequestServices.GetRequiredService<ThemeRegistry>();
        return [$"{themes.Public.ViewFolder}/{{0}}.cshtml", $"{themes.Admin.ViewFolder}/{{0}}.cshtml", .. viewLocations];
    }
}
