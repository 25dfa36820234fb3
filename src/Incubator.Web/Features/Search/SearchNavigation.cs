using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Search;

/// <summary>The back office'\''s search.</summary>
internal sealed class SearchNavigation(IStringLocalizer<SearchNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 110, localizer["Search"]) { Page = "/Search/Admin/Index", Policy = Policies.BackOffice },
    ];
}
