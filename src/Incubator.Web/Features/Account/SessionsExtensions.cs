using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Account;

internal static class SessionsExtensions
{
    public static IServiceCollection AddIncubatorSessions(this IServiceCollection services)
    {
        services.AddScoped<UserSessions>();
        services.AddScoped<DisableUser>();

        // Replaces ASP.NET Core's no-op transformation (registered with TryAdd): see SessionValidation for why here.
        services.AddScoped<IClaimsTransformation, SessionValidation>();

        // Identity's cookie stamp validator still runs every ValidationInterval and rebuilds the principal from the
        // user; the rebuilt one must keep the session id, or the cookie would lose its session and be refused.
        // SessionValidation already checks the stamp on every request, so that interval adds nothing and is left as is.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            var previous = o.OnRefreshingPrincipal;
            o.OnRefreshingPrincipal = async context =>
            {
                if (UserSessions.IdOf(context.CurrentPrincipal) is { } sessionId && context.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == UserSessions.ClaimType))
                {
                    identity.AddClaim(new Claim(UserSessions.ClaimType, sessionId));
                }

                if (previous is not null)
                {
                    await previous(context);
                }
            };
        });
        return services;
    }
}
