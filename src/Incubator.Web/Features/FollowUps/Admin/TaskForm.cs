using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps.Admin;

/// <summary>The fields of the task form as posted.</summary>
internal sealed class TaskFormInput
{
    public string? Title { get; set; }
    public string? DueOn { get; set; }
    public string? AssigneeId { get; set; }
    public string? OrganisationId { get; set; }
    public string? PersonId { get; set; }
    public string? ApplicationId { get; set; }
    public int Version { get; set; }
}

/// <summary>What the new and edit task pages share: the choices and reading the form, refusals beside their fields.</summary>
internal abstract class TaskFormModel(RelationshipDirectory directory, RelationshipPicker picker, UserManager<User> users, IStringLocalizer localizer)
    : Interactions.Admin.RelationshipFormModel(directory, picker, users)
{
    [BindProperty]
    public TaskFormInput Input { get; set; } = new();

    protected Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        LoadPickersAsync(multiple: false, [Input.OrganisationId], [Input.PersonId], cancellationToken);

    protected FollowUpInput Read()
    {
        DateOnly? due = null;
        if (VietnamTime.TryParseDate(Input.DueOn, out var parsed))
        {
            due = parsed;
        }
        else if (!string.IsNullOrWhiteSpace(Input.DueOn))
        {
            ModelState.AddModelError("Input.DueOn", localizer["Enter a date as dd/MM/yyyy."]);
        }

        return new FollowUpInput(Input.Title, due, Input.AssigneeId, Input.OrganisationId, Input.PersonId, Input.ApplicationId);
    }

    protected void AddRefusal(Incubator.Core.Results.CommandResult result)
    {
        foreach (var (key, message) in result.Errors)
        {
            var field = key == "assignee" ? "AssigneeId" : char.ToUpperInvariant(key[0]) + key[1..];
            if (!ModelState.ContainsKey("Input." + field) || ModelState["Input." + field]!.Errors.Count == 0)
            {
                ModelState.AddModelError("Input." + field, localizer[message]);
            }
        }

        if (result.Detail is { } detail)
        {
            ModelState.AddModelError(string.Empty, localizer[detail]);
        }
    }
}
