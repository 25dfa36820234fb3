using System.Security.Claims;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>Account security settings (section <c>Security</c>).</summary>
internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Whoever holds a back-office permission (administrators, staff, leaders) must sign in with a second factor. An
    /// operator may turn this off for a pilot or a test environment; the back office then says so on its first page.
    /// </summary>
    public bool RequireSecondFactor { get; set; } = true;
}

/// <summary>
/// The rule that back-office permissions need a second factor: until its holder enrols, the permission checks fail
/// with <see cref="FailureReason"/>, which <see cref="SecondFactorResultHandler"/> turns into the enrolment page (or a
/// ProblemDetails under /api). It reads the account as stored on this request (with the session, see
/// SessionValidation), so enrolling takes effect at once.
/// </summary>
internal sealed class SecondFactorRule(IncubatorDbContext db, IOptions<SecurityOptions> options)
{
    public const string FailureReason = "second-factor-required";

    /// <summary>Whether the account has a second factor, as read from the database with the session on this request.</summary>
    public const string ClaimType = "incubator:second-factor";

    private bool? _enrolled;

    public bool Required => options.Value.RequireSecondFactor;

    /// <summary>Whether this signed-in user must enrol a second factor before using a back-office permission.</summary>
    public async Task<bool> MustEnrolAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Required || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return false;
        }

        _enrolled ??= user.FindFirstValue(ClaimType) is { } checkedNow
            ? checkedNow == "true"
            : await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(cancellationToken);
        return !_enrolled.Value;
    }

    /// <summary>Whether an account with these roles must have a second factor (for the enrolment page's wording).</summary>
    public static bool AppliesToRoles(IEnumerable<string> roles) =>
        roles.Any(r => r is Roles.Administrator or Roles.Staff or Roles.Leader);
}

/// <summary>
/// Sends a user refused for want of a second factor to enrol (pages) or tells the API client why (403 ProblemDetails);
/// every other authorization result is handled as ASP.NET Core would.
/// </summary>
internal sealed class SecondFactorResultHandler(IStringLocalizer<SecondFactorResultHandler> localizer, LinkGenerator links) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == SecondFactorRule.FailureReason) == true)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status403Forbidden,
                        title: localizer["Two-factor sign-in is required"],
                        detail: localizer["Your role needs a second factor: set up an authenticator app at {0}, then sign in again with its code.", links.GetPathByPage(context, "/Account/TwoFactor")!],
                        type: "https://incubator.local/problems/second-factor-required")
                    .ExecuteAsync(context);
                return;
            }

            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(links.GetPathByPage(context, "/Account/TwoFactor", values: new { required = 1, returnUrl })!);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

internal static class SecondFactorExtensions
{
    public static IServiceCollection AddSecondFactorRule(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddScoped<SecondFactorRule>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SecondFactorResultHandler>();
        return services;
    }

    /// <summary>The authenticator key in groups of four, as people type it.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth address an authenticator app reads from the QR code.</summary>
    public static string AuthenticatorUri(string issuer, string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>The token provider of authenticator apps, as Identity names it.</summary>
    public static string AuthenticatorProvider(this UserManager<User> users) => users.Options.Tokens.AuthenticatorTokenProvider;
}
