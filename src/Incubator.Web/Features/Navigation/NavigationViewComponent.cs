using Microsoft.AspNetCore.Mvc;

namespace Incubator.Web.Features.Navigation;

/// <summary>
/// Draws a menu from the features' providers. Themes cannot reference the host, so their layouts invoke it by name:
/// <c>@await Component.InvokeAsync("Navigation", new { menu = "public" })</c>.
/// </summary>
public sealed class NavigationViewComponent(NavigationMenu navigation) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string menu) =>
        View("/Features/Navigation/_Menu.cshtml", await navigation.BuildAsync(menu, HttpContext));
}
