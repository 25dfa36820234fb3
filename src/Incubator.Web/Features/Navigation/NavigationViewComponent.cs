using Microsoft.AspNetCore.Mvc;

namespace Incubator.Web.Features.Navigation;

/// <summary>
/// Draws a menu from the features' providers. Themes cannot reference the host, so their layouts invoke it by name:
/// <c>@await Component.InvokeAsync("Navigation", new { menu = "public" })</c>. A view component must be public to be
/// found, and the site's services are internal, so it takes the menu from the request.
/// </summary>
public sealed class NavigationViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string menu) =>
        View("/Features/Navigation/_Menu.cshtml", await HttpContext.RequestServices.GetRequiredService<NavigationMenu>().BuildAsync(menu, HttpContext));
}
