namespace Incubator.Web.Features.Setup;

/// <summary>A site-wide setting kept in the database (applied recipes, the active theme...).</summary>
public sealed class SiteSetting
{
    public string Key { get; set; } = string.Empty;
    public string Value { get; set; } = string.Empty;
}
