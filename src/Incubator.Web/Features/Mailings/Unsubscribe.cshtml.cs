using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// Where a mailing's unsubscribe link leads, without signing in. A GET only asks (mail scanners follow links, so a
/// GET must never unsubscribe); the page's button and a mail client's RFC 8058 one-click POST unsubscribe. That POST
/// carries no antiforgery token, which a signed token in the address makes unnecessary: it only withdraws the consent
/// of the person it names. Throttled per client address like the other anonymous forms.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
internal sealed class UnsubscribeModel(UnsubscribePerson unsubscribe) : PageModel
{
    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Name = await unsubscribe.NameAsync(token, cancellationToken);
        Valid = Name is not null;
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Valid = Done = await unsubscribe.UnsubscribeAsync(token, cancellationToken);
        return Answer();
    }

    private PageResult Answer()
    {
        var page = Page();
        if (!Valid)
        {
            page.StatusCode = StatusCodes.Status400BadRequest;
        }

        return page;
    }
}
