using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// Where an anonymous visitor's confirmation link leads. A GET only asks (mail scanners follow links); the button
/// confirms, and only then does the registration take a seat or a place on the waitlist. The secret in the address is
/// the proof, so the POST needs no session of its own.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
internal sealed class ConfirmModel(IncubatorDbContext db, RegistrationCommands commands, RegistrationNotices notices, IStringLocalizer<ConfirmModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public EventRegistration? Registration { get; private set; }
    public Event? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Registration is null || !RegistrationTokens.Matches(Token, Registration.ConfirmationHash))
        {
            return NotFound();
        }

        if (Registration.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted)
        {
            return Redirect(notices.TicketPath(id));
        }

        Item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == Registration.EventId && e.Latest, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await commands.ConfirmAsync(id, Token, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect(notices.TicketPath(id));
        }

        if (result.Status == Core.Results.CommandStatus.NotFound)
        {
            return NotFound();
        }

        result.AddTo(ModelState, localizer);
        Registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        Item = Registration is null ? null : await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == Registration.EventId && e.Latest, cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
