namespace Incubator.Web.Features.Navigation;

/// <summary>The menus the themes draw; a theme asks for one by name (<c>Component.InvokeAsync("Navigation", new { menu })</c>).</summary>
internal static class NavigationMenus
{
    /// <summary>The public site's main menu, in its header.</summary>
    public const string Public = "public";

    /// <summary>The links in the public site's footer.</summary>
    public const string Footer = "footer";

    /// <summary>The back office's side menu, in sections.</summary>
    public const string BackOffice = "back-office";
}
