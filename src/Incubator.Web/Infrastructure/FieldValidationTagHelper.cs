using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// Completes the framework's form tag helpers for screen readers: a field whose value was refused gets
/// <c>aria-invalid="true"</c> and <c>aria-describedby</c> pointing at its message, and the message (the
/// <c>asp-validation-for</c> span) gets that id and is drawn only when there is a message to show.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
[HtmlTargetElement("span", Attributes = ValidationForAttribute)]
public sealed class FieldValidationTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";
    private const string ValidationForAttribute = "asp-validation-for";

    /// <summary>After the framework's helpers, so their id and attributes are there to extend.</summary>
    public override int Order => 1000;

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName(ValidationForAttribute)]
    public ModelExpression? ValidationFor { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The id of the message of the field named <paramref name="fullName"/>.</summary>
    public static string MessageId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var expression = For ?? ValidationFor;
        if (expression is null)
        {
            return;
        }

        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var invalid = ViewContext.ModelState.TryGetValue(fullName, out var entry) && entry.ValidationState == ModelValidationState.Invalid && entry.Errors.Count > 0;
        if (output.TagName == "span" && ValidationFor is not null)
        {
            if (!invalid)
            {
                output.SuppressOutput();
                return;
            }

            output.Attributes.SetAttribute("id", MessageId(fullName));
            return;
        }

        if (!invalid)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? $"{MessageId(fullName)} {existing.Value}" : MessageId(fullName);
        output.Attributes.SetAttribute("aria-describedby", described);
    }
}
