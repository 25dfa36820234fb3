using System.Security.Cryptography;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Setup;

/// <summary>
/// First start of a site: apply the migrations, run the set-up recipe (<c>Setup:Recipe</c>, default "default")
/// once, and create the first administrator from <c>Setup:AdminEmail</c> / <c>Setup:AdminPassword</c>, printing a
/// generated password once when none is configured.
/// </summary>
internal static class SiteSetup
{
    public const string RecipeDoneKey = "setup:recipe";
    private const string SetupLeaseName = "setup";
    private static readonly TimeSpan SetupLease = TimeSpan.FromMinutes(5);

    public static async Task SetUpSiteAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The settings are checked before the database is touched: a wrong one stops the site here, named, rather
        // than after the migrations and the recipe have run on it.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SetupOptions>>().Value;
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Setup");
        await services.GetRequiredService<Migrator>().MigrateAsync();

        var db = services.GetRequiredService<IncubatorDbContext>();
        var claim = await ClaimSetupAsync(services, db);
        try
        {
            if (!await db.SiteSettings.AnyAsync(s => s.Key == RecipeDoneKey))
            {
                var name = settings.Recipe;
                var result = await services.GetRequiredService<RecipeRunner>().RunByNameAsync(name);
                if (!await db.SiteSettings.AnyAsync(s => s.Key == RecipeDoneKey))
                {
                    db.SiteSettings.Add(new SiteSetting { Key = RecipeDoneKey, Value = name });
                    await db.SaveChangesAsync();
                }

                logger.LogInformation("Ran the set-up recipe {Recipe}: {Changed} records", name, result.Changed);
            }

            await EnsureAdministratorAsync(services, settings, logger);
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, claim, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, "done", CancellationToken.None);
        }
    }

    /// <summary>
    /// Takes the "setup" lease, waiting while another instance holds it: two instances started together on a new
    /// database would otherwise both run the set-up recipe and both try to create the first administrator, and the
    /// loser would stop on the duplicate. The one that waited then finds the work done and goes on. The migrations
    /// before it have their own lock; a lease left by an instance killed during set-up lapses after a few minutes.
    /// </summary>
    private static async Task<JobLease> ClaimSetupAsync(IServiceProvider services, IncubatorDbContext db)
    {
        var owner = services.GetRequiredService<SiteInstance>().Id;
        var clock = services.GetRequiredService<TimeProvider>();
        while (true)
        {
            var claim = await JobLeases.TryClaimAsync(db, SetupLeaseName, owner, clock.GetUtcNow().UtcDateTime, SetupLease, null, CancellationToken.None);
            if (claim is not null)
            {
                return claim;
            }

            // Real time, not the site's clock: a test's frozen clock must not keep this instance waiting forever.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task EnsureAdministratorAsync(IServiceProvider services, SetupOptions settings, ILogger logger)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }

        var email = settings.AdminEmail;
        var password = settings.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "9a";
        }

        var admin = await users.FindByEmailAsync(email);
        if (admin is not null)
        {
            // The configured address already has an account: it becomes the administrator, its password unchanged.
            await users.AddToRoleAsync(admin, Roles.Administrator);
        }
        else
        {
            var (_, created) = await UserAccounts.CreateConfirmedAsync(users, services.GetRequiredService<TimeProvider>(), email, password!, [Roles.Administrator], "Administrator");
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create the first administrator: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            if (generated)
            {
                // Printed once, on the console only (never through the logger, whose lines go to files and collectors):
                // the administrator changes it after signing in.
                var console = services.GetRequiredService<SetupConsole>().Out;
                await console.WriteLineAsync($"First administrator: {email} / password: {password}");
                await console.FlushAsync();
            }
        }

        logger.LogInformation("Created the first administrator {Email}", email);
    }
}
