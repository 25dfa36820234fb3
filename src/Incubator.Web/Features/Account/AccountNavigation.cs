using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The account pages (signed in or not) and the back office'\''s users, audit and deletion requests.</summary>
internal sealed class AccountNavigation(IStringLocalizer<AccountNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 540, localizer["My account"]) { Page = "/Account/Index", Shows = NavigationEntry.SignedIn },
        new(NavigationMenus.Public, 600, localizer["Sign in"]) { Page = "/Account/Login", Shows = NavigationEntry.SignedOut },
        new(NavigationMenus.Public, 610, localizer["Register"]) { Page = "/Account/Register", Shows = NavigationEntry.SignedOut },
        new(NavigationMenus.BackOffice, 430, localizer["Deletion requests"]) { Page = "/Account/Admin/PersonalData/Index", Section = localizer["Site"], Policy = Policies.Staff },
        new(NavigationMenus.BackOffice, 600, localizer["Users and roles"]) { Page = "/Account/Admin/Users", Section = localizer["Administration"], Policy = Policies.Administration },
        new(NavigationMenus.BackOffice, 610, localizer["Security audit"]) { Page = "/Account/Admin/Audit", Section = localizer["Administration"], Policy = Policies.Administration },
    ];
}
