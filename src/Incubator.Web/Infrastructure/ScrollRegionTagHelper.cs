using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// A wide table's sideways-scrolling box (<c>div.table-scroll</c>) is reachable by the keyboard, so that someone
/// without a mouse can scroll it with the arrow keys on a phone, and is a named region a screen reader announces
/// (axe-core's "scrollable-region-focusable"). A box that names itself (aria-label or aria-labelledby) keeps its name.
/// </summary>
[HtmlTargetElement("div", Attributes = "[class^=table-scroll]")]
public sealed class ScrollRegionTagHelper(IStringLocalizer<ScrollRegionTagHelper> localizer) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Attributes.ContainsName("tabindex"))
        {
            output.Attributes.SetAttribute("tabindex", "0");
        }

        if (!output.Attributes.ContainsName("role"))
        {
            output.Attributes.SetAttribute("role", "region");
        }

        if (!output.Attributes.ContainsName("aria-label") && !output.Attributes.ContainsName("aria-labelledby"))
        {
            output.Attributes.SetAttribute("aria-label", localizer["Table, scrolls sideways"].Value);
        }
    }
}
