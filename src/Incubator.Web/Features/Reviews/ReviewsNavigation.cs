using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>A reviewer'\''s reviews.</summary>
internal sealed class ReviewsNavigation(IStringLocalizer<ReviewsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 520, localizer["My reviews"]) { Page = "/Reviews/Index", Shows = user => user.IsInRole(Roles.Reviewer) },
    ];
}
