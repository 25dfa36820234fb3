using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps.Admin;

/// <summary>Changes a follow-up task.</summary>
internal sealed class EditModel(
    IncubatorDbContext db, SaveFollowUp save, RelationshipDirectory directory, RelationshipPicker picker, UserManager<User> users, IStringLocalizer<EditModel> localizer)
    : TaskFormModel(directory, picker, users, localizer)
{
    public string Id { get; private set; } = string.Empty;
    public FollowUpTask? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Current = await db.Set<FollowUpTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (Current is null)
        {
            return NotFound();
        }

        Id = id;
        Input = new TaskFormInput
        {
            Title = Current.Title, DueOn = VietnamTime.FormatDate(Current.DueOn), AssigneeId = Current.AssigneeId, OrganisationId = Current.OrganisationId, PersonId = Current.PersonId,
            ApplicationId = Current.ApplicationId, Version = Current.Version,
        };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Id = id;
        if (Searching)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        var input = Read();
        if (ModelState.IsValid)
        {
            var result = await save.UpdateAsync(id, Input.Version, input, cancellationToken);
            if (result.Succeeded)
            {
                return RedirectToPage("/FollowUps/Admin/Index");
            }

            if (result.Status == Incubator.Core.Results.CommandStatus.NotFound)
            {
                return NotFound();
            }

            AddRefusal(result);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }
}
