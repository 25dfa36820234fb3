using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Admin;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Backup;
using Incubator.Web.Features.CheckIns;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.FollowUps;
using Incubator.Web.Features.Home;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.Imports;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.Media;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.OfficeHours;
using Incubator.Web.Features.Events;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Operations;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Pages;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Records;
using Incubator.Web.Features.Reviews;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Shared;
using Incubator.Web.Features.Support;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure.Caching;
using Incubator.Web.Infrastructure.Observability;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Incubator.Web.Infrastructure;

internal static class SiteExtensions
{
    /// <summary>
    /// Every feature's module, in one list: a feature registers its own services, recipe steps, page conventions and
    /// menu entries in its <c>Add&lt;Feature&gt;</c>, so this list is all the site knows about it. Account comes first, as
    /// Identity was registered before the rest of the site.
    /// </summary>
    private static IServiceCollection AddFeatures(this IServiceCollection services) => services
        .AddAccount()
        .AddAdmin()
        .AddContent()
        .AddTaxonomies()
        .AddDirectory()
        .AddOrganisations()
        .AddMedia()
        .AddNavigation()
        .AddSetup()
        .AddWorkflows()
        .AddSearch()
        .AddTargets()
        .AddProgrammes()
        .AddApplications()
        .AddReviews()
        .AddRecords()
        .AddHome()
        .AddPages()
        .AddNotifications()
        .AddTimeline()
        .AddPeople()
        .AddPipeline()
        .AddInteractions()
        .AddFollowUps()
        .AddImports()
        .AddMailings()
        .AddCohorts()
        .AddMentoring()
        .AddCheckIns()
        .AddOfficeHours()
        .AddEvents()
        .AddSupport()
        .AddBackup()
        .AddOperations()
        .AddShared();

    /// <summary>Every feature's endpoints (its API); Razor Pages are mapped once for all features.</summary>
    private static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder endpoints) => endpoints
        .MapAccount()
        .MapTaxonomies()
        .MapDirectory()
        .MapOrganisations()
        .MapWorkflows()
        .MapProgrammes()
        .MapApplications()
        .MapReviews()
        .MapMedia()
        .MapSearch()
        .MapTargets()
        .MapPeople()
        .MapPipeline()
        .MapInteractions()
        .MapFollowUps()
        .MapMailings()
        .MapCohorts()
        .MapMentoring()
        .MapCheckIns()
        .MapOfficeHours()
        .MapEvents()
        .MapSetup();

    public static IServiceCollection AddIncubatorSite(this IServiceCollection services)
    {
        services.AddFeatures();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ThemeRegistry>();
        services.AddIncubatorSettings();
        services.AddStoredFiles();
        services.AddIncubatorLocalization();
        services.AddIncubatorDataProtection();
        services.AddIncubatorSecurity();
        services.AddIncubatorRateLimiting();
        services.AddPublicPageCache();

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // Every feature's Admin folder is back office: opening a page there needs BackOffice, and changing
                // anything needs a permission (Staff unless the handler names another).
                o.Conventions.Add(new HandlerPermissions.BackOfficeConvention());
                o.Conventions.Add(new HandlerPermissions.Convention());
            })
            .AddViewLocalization()
            .AddIncubatorFormValidation();
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddIncubatorApiAntiforgery();
        services.AddExceptionHandler<IncubatorExceptionHandler>();
        services.AddHealthChecks()
            .AddCheck<Observability.DatabaseHealthCheck>("database", tags: [Observability.HealthTags.Ready])
            .AddCheck<Observability.DiskSpaceHealthCheck>("disk", tags: [Observability.HealthTags.Ready]);

        // A search typed or pasted at 10,000 characters travels in the query string (the search form is a plain GET):
        // percent-encoded Vietnamese takes up to 9 bytes a character, beyond Kestrel's default 8 KB request line.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = 128 * 1024);
        return services;
    }

    public static WebApplication UseIncubatorSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseIncubatorSecurity();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseIncubatorApiProblems();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.Use(SessionValidation.FailRefusedAsync);
        app.UseIncubatorRateLimiting();
        app.UseAuthorization();
        app.UsePublicPageCache();
        app.UseIncubatorBadRequests();
        app.UseIncubatorApiAntiforgery();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapIncubator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A misconfigured theme stops the site at start with a clear message, not at its first page.
        _ = app.Services.GetRequiredService<ThemeRegistry>();
        app.MapStaticAssets().Add(MissingStaticAssets.AnswerNotFound(app.Services));
        app.MapRazorPages().WithStaticAssets();
        if (SecurityExtensions.OpenApiEnabled(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenApiOptions>>().Value, app.Environment))
        {
            app.MapOpenApi();
        }

        app.MapCultureSwitch();
        app.MapFeatures();
        app.MapIncubatorHealth();
        app.MapIncubatorMetrics();
        return app;
    }
}
