namespace Incubator.Web.Features.Pipeline;

/// <summary>Where the pipeline's pages point outside the feature.</summary>
internal static class PipelineLinks
{
    /// <summary>
    /// An organisation's relationship page, which the organisations' back office draws (its stage section comes from
    /// here). It is named by its route, not its page name, so the pipeline does not depend on the page's file.
    /// </summary>
    public static string Organisation(string id) => $"/admin/organisations/{Uri.EscapeDataString(id)}";
}
