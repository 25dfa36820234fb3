using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The named throttling policies. Put one on an endpoint with <c>.RequireRateLimiting(RateLimitPolicies.X)</c> or on a
/// page model with <c>[EnableRateLimiting(RateLimitPolicies.X)]</c>: it then counts per client address (the policy) and
/// per account (the global limiter, which reads the same metadata), with the limits of <see cref="RateLimitingOptions"/>.
/// </summary>
internal static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string ForgotPassword = "forgot-password";
    public const string ConfirmationEmail = "confirmation-email";
    public const string TwoFactor = "two-factor";
    public const string Search = "search";
    public const string Uploads = "uploads";

    public static readonly IReadOnlyList<string> All = [SignIn, Registration, ForgotPassword, ConfirmationEmail, TwoFactor, Search, Uploads];
}

/// <summary>One policy's limits: each counts requests in a fixed window.</summary>
internal sealed class RateLimitRule
{
    /// <summary>Requests per window for one account (the e-mail in the request, or the signed-in user).</summary>
    public int PermitLimit { get; set; }

    /// <summary>Requests per window from one client address; higher than <see cref="PermitLimit"/>, since an office shares one address.</summary>
    public int AddressPermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>The <c>RateLimiting</c> settings.</summary>
internal sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off for a load test or a trusted integration that signs in far more often than a person.</summary>
    public bool Enabled { get; set; } = true;

    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 10, AddressPermitLimit = 50, Window = TimeSpan.FromMinutes(5) };
    public RateLimitRule Registration { get; set; } = new() { PermitLimit = 3, AddressPermitLimit = 20, Window = TimeSpan.FromHours(1) };
    public RateLimitRule ForgotPassword { get; set; } = new() { PermitLimit = 3, AddressPermitLimit = 20, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule ConfirmationEmail { get; set; } = new() { PermitLimit = 3, AddressPermitLimit = 20, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule TwoFactor { get; set; } = new() { PermitLimit = 5, AddressPermitLimit = 30, Window = TimeSpan.FromMinutes(5) };
    public RateLimitRule Search { get; set; } = new() { PermitLimit = 60, AddressPermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule Uploads { get; set; } = new() { PermitLimit = 30, AddressPermitLimit = 60, Window = TimeSpan.FromMinutes(10) };

    public RateLimitRule For(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignIn,
        RateLimitPolicies.Registration => Registration,
        RateLimitPolicies.ForgotPassword => ForgotPassword,
        RateLimitPolicies.ConfirmationEmail => ConfirmationEmail,
        RateLimitPolicies.TwoFactor => TwoFactor,
        RateLimitPolicies.Search => Search,
        RateLimitPolicies.Uploads => Uploads,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a rate-limiting policy."),
    };
}

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        foreach (var policy in RateLimitPolicies.All)
        {
            var rule = options.For(policy);
            var key = $"{RateLimitingOptions.Section}:{char.ToUpperInvariant(policy[0])}{policy[1..]}";
            if (rule is null)
            {
                failures.Add($"{key} is missing.");
                continue;
            }

            if (rule.PermitLimit is < 1 or > 1_000_000 || rule.AddressPermitLimit is < 1 or > 1_000_000)
            {
                failures.Add($"RateLimiting {policy}: PermitLimit and AddressPermitLimit must be from 1 to 1000000.");
            }

            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
            {
                failures.Add($"RateLimiting {policy}: Window must be from 00:00:01 to 1.00:00:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class RateLimitingExtensions
{
    private const string AccountItem = "Incubator.RateLimit.Account";
    private const string TwoFactorItem = "Incubator.RateLimit.TwoFactorCode";

    // The sign-in bodies are tiny; anything larger is not read for its e-mail (the endpoint still refuses or handles it).
    private const int MaxBodyPeek = 16 * 1024;

    // An e-mail longer than this is not a real account; the partition key stays bounded in size.
    private const int MaxAccountLength = 256;

    public static IServiceCollection AddIncubatorRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddSiteMetrics<RateLimitMetrics>();
        services.AddRateLimiter(o =>
        {
            foreach (var policy in RateLimitPolicies.All)
            {
                o.AddPolicy(policy, context => AddressPartition(context, policy));
            }

            // The endpoint's policy counts per address; these count per account, and /api/auth/login carrying a
            // two-factor code also spends the two-factor allowance (Identity checks the code in the same request).
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => AccountPartition(context, PolicyOf(context))),
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Items.ContainsKey(TwoFactorItem) ? AddressPartition(context, RateLimitPolicies.TwoFactor) : None),
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Items.ContainsKey(TwoFactorItem) ? AccountPartition(context, RateLimitPolicies.TwoFactor) : None));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// Finds the account a throttled request is about (it must run after authentication and before the rate limiter):
    /// the signed-in user, the user half-way through two-factor sign-in, or the e-mail in the JSON body or form.
    /// </summary>
    public static IApplicationBuilder UseIncubatorRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (PolicyOf(context) is { } policy && context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
            {
                if (await ReadAccountAsync(context, policy) is { } account)
                {
                    context.Items[AccountItem] = account.Length > MaxAccountLength ? account[..MaxAccountLength] : account;
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Puts the Identity API's throttling on its endpoints, which are mapped in one call and named only by route.</summary>
    public static TBuilder WithIdentityRateLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText?.TrimEnd('/') ?? string.Empty;
            var policy = route[(route.LastIndexOf('/') + 1)..] switch
            {
                "login" => RateLimitPolicies.SignIn,
                "register" => RateLimitPolicies.Registration,
                "forgotPassword" or "resetPassword" => RateLimitPolicies.ForgotPassword,
                "resendConfirmationEmail" => RateLimitPolicies.ConfirmationEmail,
                "2fa" => RateLimitPolicies.TwoFactor,
                _ => null,
            };
            if (policy is not null)
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(policy));
            }
        });
        return builder;
    }

    private static RateLimitPartition<string> None { get; } = RateLimitPartition.GetNoLimiter(string.Empty);

    private static string? PolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } name && RateLimitPolicies.All.Contains(name) ? name : null;

    /// <summary>Searches count every request; the other policies guard a form or an action, so reading its page is free.</summary>
    private static bool Counts(HttpContext context, string policy) =>
        policy == RateLimitPolicies.Search || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));

    private static RateLimitPartition<string> AddressPartition(HttpContext context, string policy)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!options.Enabled || !Counts(context, policy))
        {
            return None;
        }

        var rule = options.For(policy);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|ip|{ClientAddress(context)}", _ => Window(rule.AddressPermitLimit, rule.Window));
    }

    private static RateLimitPartition<string> AccountPartition(HttpContext context, string? policy)
    {
        if (policy is null || context.Items[AccountItem] is not string account)
        {
            return None;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!options.Enabled || !Counts(context, policy))
        {
            return None;
        }

        var rule = options.For(policy);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|account|{account}", _ => Window(rule.PermitLimit, rule.Window));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>
    /// The client's address after the forwarded-headers middleware (so a listed proxy's X-Forwarded-For, and nothing
    /// else). An IPv6 client is counted by its /64, which one subscriber usually holds whole.
    /// </summary>
    internal static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static async Task<string?> ReadAccountAsync(HttpContext context, string policy)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            return "user:" + userId;
        }

        if (policy == RateLimitPolicies.TwoFactor
            && await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme) is { Succeeded: true } twoFactor
            && twoFactor.Principal.FindFirstValue(ClaimTypes.Name) is { } pendingUserId)
        {
            return "user:" + pendingUserId;
        }

        if (!Counts(context, policy))
        {
            return null;
        }

        var email = context.Request.HasJsonContentType() ? await ReadJsonAsync(context)
            : context.Request.HasFormContentType ? await ReadFormAsync(context)
            : null;
        return string.IsNullOrWhiteSpace(email) ? null : "email:" + email.Trim().ToUpperInvariant();
    }

    private static async Task<string?> ReadJsonAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is > MaxBodyPeek)
        {
            return null;
        }

        // Buffered and rewound, so the endpoint binds the same body afterwards.
        request.EnableBuffering();
        try
        {
            var buffer = new byte[MaxBodyPeek + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            if (length > MaxBodyPeek)
            {
                return null;
            }

            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? email = null;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                // Identity's endpoints bind case-insensitively, so this reads the same property they do.
                if (property.NameEquals("email") || property.Name.Equals("email", StringComparison.OrdinalIgnoreCase))
                {
                    email = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
                else if (property.Name.Equals("twoFactorCode", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 })
                {
                    context.Items[TwoFactorItem] = true;
                }
            }

            return email;
        }
        catch (Exception e) when (e is JsonException or IOException or BadHttpRequestException)
        {
            // Not readable JSON: the endpoint refuses it itself; it is still counted per address.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static async Task<string?> ReadFormAsync(HttpContext context)
    {
        try
        {
            // The form is kept by the request, so model binding reads this same copy.
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form["Email"].FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<RateLimitMetrics>().Rejected(PolicyOf(context));
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.For(PolicyOf(context) ?? RateLimitPolicies.TwoFactor).Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<RateLimitingOptions>>();
        var detail = seconds >= 120
            ? localizer["Too many attempts. Please try again in {0} minutes.", (seconds + 59) / 60].Value
            : localizer["Too many attempts. Please try again in {0} seconds.", seconds].Value;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = localizer["Too many requests"], Detail = detail },
            });
            return;
        }

        // The status-code page re-executes /error/429 with this message: the site's own page, in the visitor's language.
        context.Items["ErrorMessage"] = detail;
        context.Items["ErrorStatus"] = StatusCodes.Status429TooManyRequests;
    }
}
