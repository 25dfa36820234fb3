using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Content;

/// <summary>The back office'\''s content lists: directory profiles and the site'\''s pages and news.</summary>
internal sealed class ContentNavigation(IStringLocalizer<ContentNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 210, localizer["Startups"]) { Page = "/Content/Admin/List", RouteValues = new { type = "startups" }, Section = localizer["Directory"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 220, localizer["S&T enterprises"]) { Page = "/Content/Admin/List", RouteValues = new { type = "enterprises" }, Section = localizer["Directory"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 230, localizer["Mentors"]) { Page = "/Content/Admin/List", RouteValues = new { type = "mentors" }, Section = localizer["Directory"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 240, localizer["Organisations"]) { Page = "/Content/Admin/List", RouteValues = new { type = "organisations" }, Section = localizer["Directory"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 400, localizer["Pages"]) { Page = "/Content/Admin/List", RouteValues = new { type = "pages" }, Section = localizer["Site"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 410, localizer["News"]) { Page = "/Content/Admin/List", RouteValues = new { type = "news" }, Section = localizer["Site"], Policy = Policies.BackOffice },
    ];
}
