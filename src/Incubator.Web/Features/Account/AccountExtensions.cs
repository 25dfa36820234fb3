using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;

namespace Incubator.Web.Features.Account;

public static class AccountExtensions
{
    public static IServiceCollection AddIncubatorIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IncubatorDbContext>();

        // AddIdentityApiEndpoints makes its bearer-or-cookie scheme the default, and that scheme challenges and
        // forbids as bearer: a browser would get a bare 401/403 instead of the sign-in or access-denied page.
        // The cookie scheme challenges instead; its events below still answer 401/403 under /api.
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            o.DefaultForbidScheme = IdentityConstants.ApplicationScheme;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "incubator.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = c => ApiStatusOr(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiStatusOr(c, StatusCodes.Status403Forbidden);
        });

        // Each policy is a permission that roles are granted as data (see Permissions); the defaults are the product's
        // design (back office: administrators, staff, leaders; officers' work: administrators and staff).
        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }

        services.AddScoped<PermissionGrants>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PermissionHandler>();

        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.AddSingleton<IEmailSender<User>, OutboxEmailSender>();
        services.AddSingleton<OutboxDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        return services;
    }

    private static Task ApiStatusOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Identity's API endpoints under /api/auth; whoever registers there is an applicant.</summary>
    public static void MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/auth")
            .WithTags("Auth")
            .MapIdentityApi<User>()
            .WithIdentityRateLimits()
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                if (context.HttpContext.Request.Path.Equals("/api/auth/register", StringComparison.OrdinalIgnoreCase)
                    && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
                    && context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { } request)
                {
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<User>>();
                    if (await users.FindByEmailAsync(request.Email) is { } user)
                    {
                        await users.AddToRoleAsync(user, Roles.Applicant);
                    }
                }

                return result;
            });

        endpoints.MapPost("/api/admin/users", CreateUserAsync)
            .WithTags("Admin")
            .RequireAuthorization(Policies.Administration);
    }

    public sealed record CreateUserRequest(string Email, string Password, IReadOnlyList<string>? Roles, string? DisplayName);

    public sealed record UserResponse(string Id, string Email, IReadOnlyList<string> Roles);

    private static async Task<Results<Created<UserResponse>, ValidationProblem>> CreateUserAsync(CreateUserRequest request, UserManager<User> users, Core.Time.IClock clock)
    {
        var roles = (request.Roles ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = roles.Where(r => !Account.Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = [$"Unknown roles: {string.Join(", ", unknown)}. Known: {string.Join(", ", Account.Roles.All)}."] });
        }

        if (string.IsNullOrWhiteSpace(request.Email) || !System.Net.Mail.MailAddress.TryCreate(request.Email, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["A valid e-mail address is required."] });
        }

        var (user, created) = await UserAccounts.CreateConfirmedAsync(users, clock, request.Email, request.Password ?? string.Empty, roles, request.DisplayName);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        return TypedResults.Created($"/api/admin/users/{user.Id}", new UserResponse(user.Id, request.Email, roles));
    }
}
