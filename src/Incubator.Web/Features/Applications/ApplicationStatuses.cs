using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// The catalogue of an application's statuses, which are whatever its workflow's setStatus steps said (the default
/// support-approval workflow's below), and what staff and applicants read for each.
/// </summary>
internal static class ApplicationStatuses
{
    /// <summary>Being filled in by the applicant; no workflow yet.</summary>
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string InformationRequested = "information-requested";
    public const string InReview = "in-review";
    public const string AwaitingDecision = "awaiting-decision";

    /// <summary>Approved: the decision's amount is committed against the programme's budget.</summary>
    public const string Funded = "funded";
    public const string Closed = "closed";
    public const string Rejected = "rejected";
    public const string ClosedUnanswered = "closed-unanswered";

    /// <summary>The default support-approval workflow's statuses in the order an application meets them.</summary>
    public static readonly IReadOnlyList<string> Ordered =
        [Submitted, InformationRequested, InReview, AwaitingDecision, Funded, Closed, Rejected, ClosedUnanswered];

    public static string Label(IStringLocalizer localizer, string status)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return status switch
        {
            Draft => localizer["Draft"],
            Submitted => localizer["Submitted, to screen"],
            InformationRequested => localizer["Information requested"],
            InReview => localizer["In review"],
            AwaitingDecision => localizer["Awaiting decision"],
            Funded => localizer["Funded"],
            Closed => localizer["Closed"],
            Rejected => localizer["Rejected"],
            ClosedUnanswered => localizer["Closed, information not supplied"],
            _ => status,
        };
    }
}
