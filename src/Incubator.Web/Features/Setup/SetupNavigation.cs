using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup;

/// <summary>The back office'\''s recipes, for staff.</summary>
internal sealed class SetupNavigation(IStringLocalizer<SetupNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 420, localizer["Recipes"]) { Page = "/Setup/Admin/Recipes/Index", Section = localizer["Site"], Policy = Policies.Staff },
    ];
}
