using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>The back office'\''s workflow pages.</summary>
internal sealed class WorkflowsNavigation(IStringLocalizer<WorkflowsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 500, localizer["Workflow types"]) { Page = "/Workflows/Admin/Index", Section = localizer["Workflows"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 510, localizer["Workflow instances"]) { Page = "/Workflows/Admin/Instances", Section = localizer["Workflows"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 520, localizer["Working-day calendar"]) { Page = "/Workflows/Admin/Calendar", Section = localizer["Workflows"], Policy = Policies.BackOffice },
    ];
}
