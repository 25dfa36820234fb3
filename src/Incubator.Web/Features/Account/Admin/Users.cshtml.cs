using System.ComponentModel.DataAnnotations;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account.Admin;

[Authorize(Policy = Policies.Administration)]
// Managing users is the Administration permission's own work, not the officers' (Staff).
[AllowedFor(Policies.Administration)]
internal sealed class UsersModel(UserManager<User> users, PermissionGrants grants, TimeProvider clock, SecurityAudit audit, DisableUser disabling, IStringLocalizer<UsersModel> localizer) : PageModel
{
    public List<(User User, IList<string> Roles, bool Locked)> Users { get; } = [];
    /// <summary>The new user's address, as the form at the foot of the page posts it.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter a valid e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a password.")]
    public string? Password { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The administrator looking at the page, who is offered no button to disable themselves.</summary>
    public string? CurrentUserId => users.GetUserId(User);

    /// <summary>What each role may do, as the recipes' Roles step set it.</summary>
    public ILookup<string, string> Grants { get; private set; } = Array.Empty<string>().ToLookup(r => r);

    public async Task OnGetAsync()
    {
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRolesAsync(string id, string[] roles)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var wanted = roles.Where(Account.Roles.All.Contains).ToHashSet();
        if (user.Id == users.GetUserId(User) && !wanted.Contains(Account.Roles.Administrator))
        {
            Refuse(localizer["You cannot remove your own administrator role."]);
            await LoadAsync();
            return Page();
        }

        // The user manager changes the security stamp with the roles, which ends every session of the user.
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        if (!wanted.SetEquals(current))
        {
            await audit.RecordAsync(SecurityEventKinds.RolesChanged, user.Id, user.Email, $"{RoleList(current)} → {RoleList(wanted)}", users.GetUserId(User));
        }

        Message = localizer["Roles saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(SecurityEventKinds.UserUnlocked, user.Id, user.Email, actorId: users.GetUserId(User));
        Message = localizer["Unlocked."].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// For someone who lost both their phone and their recovery codes: the second factor is switched off and its key
    /// and codes forgotten, every session ends, and (where the rule applies) the next sign-in leads to a new enrolment.
    /// </summary>
    public async Task<IActionResult> OnPostResetSecondFactorAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await audit.RecordAsync(SecurityEventKinds.TwoFactorReset, user.Id, user.Email, "by an administrator", actorId: users.GetUserId(User));
        Message = localizer["Two-factor sign-in reset: the person sets it up again at their next sign-in."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateAsync(string[] roles)
    {
        if (ModelState.IsValid)
        {
            var email = Email!.Trim();
            var given = roles.Where(Account.Roles.All.Contains).ToList();
            var (created, result) = await UserAccounts.CreateConfirmedAsync(users, clock, email, Password!, given);
            if (result.Succeeded)
            {
                await audit.RecordAsync(SecurityEventKinds.UserCreated, created.Id, email, RoleList(given), users.GetUserId(User));
                Message = localizer["User created."].Value;
                return RedirectToPage();
            }

            Account.IdentityErrors.AddTo(result.Errors, ModelState, localizer);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id)
    {
        switch (await disabling.DisableAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted))
        {
            case DisableOutcome.NotFound:
                return NotFound();
            case DisableOutcome.Self:
                Refuse(localizer["You cannot disable your own account."]);
                await LoadAsync();
                return Page();
            default:
                Message = localizer["The account is disabled and signed out everywhere."].Value;
                return RedirectToPage();
        }
    }

    public async Task<IActionResult> OnPostEnableAsync(string id)
    {
        if (await disabling.EnableAsync(id, users.GetUserId(User)!) == DisableOutcome.NotFound)
        {
            return NotFound();
        }

        Message = localizer["The account is enabled."].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// A refusal of a row's button, shown above the page. The new-user form's fields were not posted with it, so
    /// their rules have nothing to say.
    /// </summary>
    private void Refuse(string message)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
    }

    /// <summary>Roles in the product's order, for the audit's before and after.</summary>
    private static string RoleList(IEnumerable<string> roles)
    {
        var list = Account.Roles.All.Where(roles.Contains).ToList();
        return list.Count == 0 ? "—" : string.Join(", ", list);
    }

    private async Task LoadAsync()
    {
        foreach (var user in await users.Users.OrderBy(u => u.Email).Take(500).ToListAsync())
        {
            Users.Add((user, await users.GetRolesAsync(user), user.LockoutEnd > DateTimeOffset.UtcNow));
        }

        Grants = await grants.AllAsync(HttpContext.RequestAborted);
    }
}
