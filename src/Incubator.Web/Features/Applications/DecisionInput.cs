namespace Incubator.Web.Features.Applications;

/// <summary>
/// What a leader fills in to approve an application, as typed: the amount as "1.500.000.000", the date as dd/MM/yyyy,
/// and the version of the workflow the decision page showed.
/// </summary>
internal sealed record DecisionInput(
    int Version, string? DecisionNumber, string? DecisionDate, string? ApprovedAmount, string? SignerName, string? SignerTitle);
