using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>What staff and applicants read for an application's status, which is whatever its workflow's setStatus steps said.</summary>
public static class ApplicationStatuses
{
    /// <summary>The default support-approval workflow's statuses in the order an application meets them.</summary>
    public static readonly IReadOnlyList<string> Ordered =
        [SupportApplication.Submitted, SupportApplication.InformationRequested, "in-review", "awaiting-decision", FundingApi.Funded, "closed", "rejected", "closed-unanswered"];

    public static string Label(IStringLocalizer localizer, string status)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return status switch
        {
            SupportApplication.Draft => localizer["Draft"],
            SupportApplication.Submitted => localizer["Submitted, to screen"],
            SupportApplication.InformationRequested => localizer["Information requested"],
            "in-review" => localizer["In review"],
            "awaiting-decision" => localizer["Awaiting decision"],
            FundingApi.Funded => localizer["Funded"],
            "closed" => localizer["Closed"],
            "rejected" => localizer["Rejected"],
            "closed-unanswered" => localizer["Closed, information not supplied"],
            _ => status,
        };
    }

    /// <summary>The queue's filter from the address; a programme the site does not have filters nothing rather than failing.</summary>
    public static QueueFilter ReadFilter(string? programme, string? status, string? search, string? order, IEnumerable<string> programmeIds)
    {
        ArgumentNullException.ThrowIfNull(programmeIds);
        return new QueueFilter(
            programmeIds.Contains(programme ?? string.Empty, StringComparer.Ordinal) ? programme : null,
            string.IsNullOrWhiteSpace(status) ? null : status.Trim(),
            string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, 200)],
            order == "oldest");
    }
}
