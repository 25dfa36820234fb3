using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The signed-in user's recent sign-ins: end one, or sign out everywhere (this device included).</summary>
[Authorize]
internal sealed class SessionsModel(UserSessions sessions, UserManager<User> users, SignInManager<User> signIn, SecurityAudit audit, IStringLocalizer<SessionsModel> localizer) : PageModel
{
    public List<UserSession> Recent { get; private set; } = [];
    public string? CurrentId { get; private set; }
    [TempData]
    public string? Message { get; set; }

    public bool IsActive(UserSession session) => sessions.IsActive(session);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CurrentId = UserSessions.IdOf(User);
        Recent = await sessions.RecentAsync(users.GetUserId(User)!, cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(string id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        if (id == UserSessions.IdOf(User))
        {
            // Ending this device's session is signing out here.
            await signIn.SignOutAsync();
            return RedirectToPage("/Account/Login");
        }

        if (await sessions.EndAsync(id, SessionEndReasons.EndedByUser, userId, cancellationToken))
        {
            await audit.RecordAsync(SecurityEventKinds.SignedOut, userId, User.Identity?.Name, "another session, ended by the user", cancellationToken: cancellationToken);
            Message = localizer["The session has ended."].Value;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        audit.Add(SecurityEventKinds.SignedOutEverywhere, userId, User.Identity?.Name);
        await sessions.EndAllAsync(userId, SessionEndReasons.SignedOutEverywhere, cancellationToken);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    /// <summary>"Firefox · Windows" from a User-Agent header: enough to recognise one's own devices, nothing more.</summary>
    public string Browser(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return localizer["Unknown browser"];
        }

        string? browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("OPR/", StringComparison.Ordinal) => "Opera",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("CocCoc", StringComparison.OrdinalIgnoreCase) => "Cốc Cốc",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => null,
        };
        string? system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            (null, null) => userAgent.Length > 40 ? userAgent[..40] + "…" : userAgent,
            (null, { } os) => os,
            ({ } name, null) => name,
            ({ } name, { } os) => $"{name} · {os}",
        };
    }
}
