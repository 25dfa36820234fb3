namespace Incubator.Web.Features.Workflows;

/// <summary>
/// One value an action's list data may take, with what the user reads for it: the page that shows the actions offers
/// them as checkboxes (e.g. the fields of a programme's form for "request information") instead of a box of keys.
/// </summary>
internal sealed record WorkflowChoice(string Value, string Label);
