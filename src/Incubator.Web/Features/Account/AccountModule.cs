using System.Security.Claims;
using Incubator.Web.Data;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Account;

/// <summary>The account feature: Identity, sessions, permissions, the outbox of e-mails, and the /api/auth endpoints.</summary>
internal static class AccountModule
{
    /// <summary>
    /// The version of Identity's tables: 3 adds passkeys (AspNetUserPasskeys, migration 0018). Identity reads it from the
    /// options of the service provider that builds the DbContext, so a context built elsewhere must be given it too.
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "incubator.auth";

    public static IServiceCollection AddAccount(this IServiceCollection services)
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
                // A registration proves its address before the account signs in: registering answers "check your
                // e-mail" for new and existing addresses alike (see Registration).
                o.SignIn.RequireConfirmedEmail = true;
                o.Stores.SchemaVersion = IdentitySchema;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IncubatorDbContext>()
            .AddUserManager<IncubatorUserManager>()
            .AddSignInManager<IncubatorSignInManager>();
        AddSessions(services);

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
            o.Cookie.Name = CookieName;
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
        services.AddSecondFactorRule();
        services.AddScoped<Recipes.IRecipeStep, RolesStep>();
        services.AddScoped<Registration>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IEmailConfirmedListener, PendingAccountChoices>());
        services.AddScoped<Infrastructure.ICultureChoice, UserLanguage>();
        services.AddHttpContextAccessor();
        services.AddScoped<SecurityAudit>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<AccountEraser>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PermissionHandler>();

        // A passkey belongs to the site's own domain (its relying-party id), not to whatever Host a request names.
        services.AddOptions<IdentityPasskeyOptions>().Configure<Microsoft.Extensions.Options.IOptions<Infrastructure.SiteOptions>>((o, site) =>
        {
            if (site.Value.Parsed() is { } baseUrl)
            {
                o.ServerDomain = baseUrl.Host;
            }
        });

        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender<User>>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<OutboxDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        services.AddSiteMetrics<AccountMetrics>();
        services.AddHealthChecks().AddCheck<EmailOutboxHealthCheck>("email-outbox", tags: [HealthTags.Ready]);
        services.AddNavigationProvider<AccountNavigation>();
        return services;
    }

    private static void AddSessions(IServiceCollection services)
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
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/auth")
            .WithTags("Auth")
            .MapIdentityApi<User>()
            .WithIdentityRateLimits()
            .AddEndpointFilter(async (context, next) =>
            {
                // An address that has an account already is answered as a new one would be (200, no body) and its
                // owner gets an e-mail, so registration cannot be used to find out who has an account.
                var registering = context.HttpContext.Request.Path.Equals("/api/auth/register", StringComparison.OrdinalIgnoreCase)
                    ? context.Arguments.OfType<RegisterRequest>().FirstOrDefault()
                    : null;
                var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<User>>();
                if (registering is not null && !string.IsNullOrEmpty(registering.Email) && await users.FindByEmailAsync(registering.Email) is { } existing)
                {
                    var registration = context.HttpContext.RequestServices.GetRequiredService<Registration>();
                    var errors = await registration.PasswordErrorsAsync(existing, registering.Password ?? string.Empty);
                    if (errors.Count > 0)
                    {
                        // The shape Identity's endpoint gives a weak password for a new address: errors keyed by code.
                        return TypedResults.ValidationProblem(errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
                    }

                    await registration.AlreadyRegisteredAsync(existing, registering.Password ?? string.Empty);
                    return TypedResults.Ok();
                }

                var result = await next(context);

                // Identity answers with Results<Ok, ValidationProblem>, which is not itself a status-code result: the
                // account it created (an existing address never reaches here) is the sign that it succeeded.
                if (registering is not null
                    && await users.FindByEmailAsync(registering.Email) is { } user
                    && !await users.IsInRoleAsync(user, Roles.Applicant))
                {
                    await users.AddToRoleAsync(user, Roles.Applicant);
                }

                return result;
            })
            .AddEndpointFilter(SessionEndpoints.FilterAsync);
        SessionEndpoints.MapLogout(endpoints);
        DisableUser.Map(endpoints);

        endpoints.MapPost("/api/admin/users", CreateUserAsync)
            .WithTags("Admin")
            .RequireAuthorization(Policies.Administration);
        return endpoints;
    }

    public sealed record CreateUserRequest(string Email, string Password, IReadOnlyList<string>? Roles, string? DisplayName);

    public sealed record UserResponse(string Id, string Email, IReadOnlyList<string> Roles);

    private static async Task<Results<Created<UserResponse>, ValidationProblem>> CreateUserAsync(CreateUserRequest request, UserManager<User> users, TimeProvider clock, SecurityAudit audit, System.Security.Claims.ClaimsPrincipal actor)
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

        await audit.RecordAsync(SecurityEventKinds.UserCreated, user.Id, request.Email, roles.Count == 0 ? "—" : string.Join(", ", roles), users.GetUserId(actor));
        return TypedResults.Created($"/api/admin/users/{user.Id}", new UserResponse(user.Id, request.Email, roles));
    }
}
