using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>
/// A certificate of attendance, printable on one A4 landscape page, for a participant who was checked in. Staff see every
/// one; a signed-in participant sees their own (the registration's account); anyone else, and any registration not
/// checked in, gets 404, so the page tells nothing about who registered.
/// </summary>
[AllowAnonymous]
internal sealed class CertificateModel(IncubatorDbContext db, EventCommands events, UserManager<User> users, IAuthorizationService authorization) : PageModel
{
    public EventRegistration Registration { get; private set; } = null!;
    public Event Event { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.CheckedInUtc != null, cancellationToken);
        if (registration is null || User.Identity?.IsAuthenticated != true)
        {
            return NotFound();
        }

        var own = registration.UserId is { } owner && owner == users.GetUserId(User);
        if (!own && !(await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded)
        {
            return NotFound();
        }

        if (await events.LatestAsync(registration.EventId, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Registration = registration;
        Event = item;
        return Page();
    }
}
