using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Pipeline;

/// <summary>The board's entry in the back office, beside the directory it sorts.</summary>
internal sealed class PipelineNavigation(IStringLocalizer<PipelineNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 333, localizer["Incubation pipeline"]) { Page = "/Pipeline/Admin/Index", Section = localizer["Relationships"], Policy = Policies.Staff },
    ];
}
