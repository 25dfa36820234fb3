using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Imports;

/// <summary>The back office's import of people and organisations, beside the directory.</summary>
internal sealed class ImportsNavigation(IStringLocalizer<ImportsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 345, localizer["Import from a file"]) { Page = "/Imports/Admin/Index", Section = localizer["Relationships"], Policy = Policies.Staff },
    ];
}
