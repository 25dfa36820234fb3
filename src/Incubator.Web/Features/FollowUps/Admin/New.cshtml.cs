using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps.Admin;

/// <summary>Sets a follow-up task, prefilled from the organisation, person or application it was opened from: due in a week, for the officer themself.</summary>
internal sealed class NewModel(
    SaveFollowUp save, RelationshipDirectory directory, RelationshipPicker picker, UserManager<User> users, TimeProvider clock, IStringLocalizer<NewModel> localizer)
    : TaskFormModel(directory, picker, users, localizer)
{
    public async Task<IActionResult> OnGetAsync(string? organisation, string? person, string? application, CancellationToken cancellationToken)
    {
        Input = new TaskFormInput
        {
            DueOn = VietnamTime.FormatDate(FollowUpOrder.Today(clock).AddDays(7)),
            AssigneeId = UserId,
            OrganisationId = organisation is not null && (await Directory.OrganisationsAsync([organisation], cancellationToken)).ContainsKey(organisation) ? organisation : null,
            PersonId = person is not null && (await Directory.PeopleAsync([person], cancellationToken)).ContainsKey(person) ? person : null,
            ApplicationId = application,
        };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Searching)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        var input = Read();
        if (ModelState.IsValid)
        {
            var result = await save.CreateAsync(input, UserId, cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToPage("/FollowUps/Admin/Index");
            }

            AddRefusal(result);
        }
        else
        {
            AddRefusal(await save.ValidateAsync(input, cancellationToken));
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }
}
