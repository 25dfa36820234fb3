using Incubator.Workflows;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// What staff read for the names workflow types use as data: outcomes, data fields and statuses of the default
/// types have their own label; a name a recipe adds later is shown as it is written.
/// </summary>
internal static class WorkflowLabels
{
    public static string Action(IStringLocalizer localizer, string name)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return name switch
        {
            "approve" => localizer["Approve"],
            "return" => localizer["Send back"],
            "screening-pass" => localizer["Pass screening"],
            "request-information" => localizer["Request information"],
            "reject" => localizer["Reject"],
            "scored" => localizer["Submit my score"],
            "accept-report" => localizer["Accept the report"],
            "return-report" => localizer["Send the report back"],
            _ => name,
        };
    }

    public static string Field(IStringLocalizer localizer, string name)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return name switch
        {
            "decisionNumber" => localizer["Decision number"],
            "decisionDate" => localizer["Decision date"],
            "approvedAmount" => localizer["Approved amount (₫)"],
            "fields" => localizer["Fields to reopen"],
            _ => name,
        };
    }

    /// <summary>What a kind of activity is, for the diagram and the activities' table.</summary>
    public static string Kind(IStringLocalizer localizer, string kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return kind switch
        {
            "start" => localizer["Start"],
            "event" => localizer["Waits for an event"],
            "userTask" => localizer["Task for a person"],
            "condition" => localizer["Check"],
            "setStatus" => localizer["Sets the status"],
            "notify" => localizer["Notification"],
            "assign" => localizer["Assignment"],
            "timer" => localizer["Deadline"],
            "fork" => localizer["Branches"],
            "join" => localizer["Joins branches"],
            "end" => localizer["End"],
            _ => kind,
        };
    }

    public static string Status(IStringLocalizer localizer, WorkflowStatus status)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return status switch
        {
            WorkflowStatus.Running => localizer["Running"],
            WorkflowStatus.Waiting => localizer["Waiting"],
            WorkflowStatus.Finished => localizer["Finished"],
            WorkflowStatus.Faulted => localizer["Faulted"],
            WorkflowStatus.Cancelled => localizer["Cancelled"],
            _ => status.ToString(),
        };
    }

    /// <summary>The message for an action, retry or cancel that did not go through.</summary>
    public static string Refusal(IStringLocalizer localizer, WorkflowActionStatus status)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return status switch
        {
            WorkflowActionStatus.Forbidden => localizer["You may not take this action."],
            WorkflowActionStatus.Stale => localizer["Someone acted on this item first; reload it and try again."],
            WorkflowActionStatus.Disabled => localizer["This workflow is disabled."],
            WorkflowActionStatus.Invalid => localizer["Some information is missing or not valid."],
            _ => localizer["This action is not waiting any more."],
        };
    }
}

/// <summary>
/// What the _WorkflowActions partial draws: one form per outcome the user may take on an item now. A list data field
/// named in <see cref="Choices"/> is offered as checkboxes of those values; the item's feature knows them (e.g. the
/// fields of the application's form), the workflow does not.
/// </summary>
internal sealed record WorkflowActionsView(
    string ItemId, WorkflowPanel Panel, string ReturnUrl, IReadOnlyDictionary<string, IReadOnlyList<WorkflowChoice>>? Choices = null);
