using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>A signed-in user's registrations (<c>/my/events</c>), upcoming first, with their status, code, ticket and a cancel button.</summary>
[Authorize]
internal sealed class MineModel(RegistrationReader reader, RegistrationCommands commands, RegistrationNotices notices, UserManager<User> users, TimeProvider clock,
    IStringLocalizer<MineModel> localizer) : PageModel
{
    public List<RegistrationWithEvent> Rows { get; private set; } = [];
    public DateTime NowUtc { get; private set; }
    public string? Message { get; private set; }

    public string TicketPath(string id) => notices.TicketPath(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken)
    {
        var result = await commands.CancelAsync(id, users.GetUserId(User), hasTicket: false, cancellationToken);
        if (result.Succeeded)
        {
            Message = localizer["Your registration is cancelled."];
        }
        else
        {
            result.AddTo(ModelState, localizer);
            Response.StatusCode = result.Status == Core.Results.CommandStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Rows = await reader.MineAsync(users.GetUserId(User)!, NowUtc, cancellationToken);
    }
}
