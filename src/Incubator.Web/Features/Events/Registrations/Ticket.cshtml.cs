using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// A registrant's ticket (<c>/events/registrations/{id}?t=TOKEN</c>, the link in their e-mails, or signed in as its
/// holder): the status, the code and its QR code, and the button that cancels it up to the event's start.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
internal sealed class TicketModel(
    RegistrationReader reader, RegistrationCommands commands, RegistrationTokens tokens, RegistrationNotices notices, UserManager<User> users, TimeProvider clock,
    IStringLocalizer<TicketModel> localizer) : PageModel
{
    public RegistrationWithEvent Found { get; private set; } = null!;
    public string? QrSvg { get; private set; }
    public bool MayCancel { get; private set; }
    public bool CancelledNow { get; private set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await commands.CancelAsync(id, users.GetUserId(User), tokens.IsTicket(Token, id), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        CancelledNow = true;
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(id, Token, users.GetUserId(User), cancellationToken);
        if (found is null)
        {
            return false;
        }

        Found = found;
        var status = found.Registration.Status;
        QrSvg = status == RegistrationStatus.Confirmed ? TicketQr.Svg(notices.CheckInUrl(found.Event, found.Registration)) : null;
        MayCancel = status != RegistrationStatus.Cancelled && clock.GetUtcNow().UtcDateTime < found.Event.StartsUtc;
        return true;
    }
}
