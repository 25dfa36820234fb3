using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Programmes;

/// <summary>Support programmes: the public list and the back office'\''s.</summary>
internal sealed class ProgrammesNavigation(IStringLocalizer<ProgrammesNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 200, localizer["Programmes"]) { Page = "/Programmes/Index" },
        new(NavigationMenus.BackOffice, 300, localizer["Support programmes"]) { Page = "/Programmes/Admin/Index", Section = localizer["Support"], Policy = Policies.BackOffice },
    ];
}
