using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>The session rules on Identity's API endpoints, and the API's sign-out.</summary>
internal static class SessionEndpoints
{
    /// <summary>POST /api/auth/logout: ends the session of the bearer token or cookie that calls it.</summary>
    public static void MapLogout(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/auth/logout", async (SignInManager<User> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.NoContent();
            })
            .WithTags("Auth")
            .RequireAuthorization();

    /// <summary>
    /// On Identity's /api/auth group. /refresh is answered here rather than by Identity, whose handler checks the
    /// security stamp but then issues tokens for a brand new principal: ours also refuses a refresh token whose session
    /// has ended or whose user is disabled or locked out, and keeps the session id in the new tokens, so signing out
    /// ends the refresh token too. /login answers a disabled account exactly like a wrong password.
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Path.Equals("/api/auth/refresh", StringComparison.OrdinalIgnoreCase))
        {
            return await RefreshAsync(http, context.Arguments.OfType<RefreshRequest>().FirstOrDefault());
        }

        var result = await next(context);
        if (http.Request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase)
            && (result is INestedHttpResult nested ? nested.Result : result) is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized, ProblemDetails.Detail: "NotAllowed" })
        {
            return TypedResults.Problem(SignInResult.Failed.ToString(), statusCode: StatusCodes.Status401Unauthorized);
        }

        return result;
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, RefreshRequest? request)
    {
        var services = http.RequestServices;
        var bearer = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var ticket = string.IsNullOrEmpty(request?.RefreshToken) ? null : bearer.RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            return TypedResults.Challenge();
        }

        var signIn = services.GetRequiredService<SignInManager<User>>();
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        var sessionId = UserSessions.IdOf(ticket.Principal);
        if (user is null || sessionId is null
            || !await services.GetRequiredService<UserSessions>().IsLiveAsync(sessionId, user.Id, http.RequestAborted)
            || !await signIn.CanSignInAsync(user)
            || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.Challenge();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserSessions.ClaimType, sessionId));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
