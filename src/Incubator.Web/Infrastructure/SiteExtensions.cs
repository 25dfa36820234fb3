using Incubator.Core.Content;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Workflows;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.Web.Infrastructure;

public static class SiteExtensions
{
    public static IServiceCollection AddIncubatorSite(this IServiceCollection services)
    {
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<ThemeRegistry>();
        services.AddIncubatorLocalization();
        services.AddIncubatorDataProtection();
        services.AddIncubatorSecurity();
        services.AddIncubatorRateLimiting();

        services.AddScoped<ContentManager>();
        services.AddScoped<IContentHandler, AuditContentHandler>();
        services.AddScoped<TaxonomyService>();
        services.AddScoped<DirectoryQueries>();
        services.AddScoped<OrganisationAccess>();
        services.AddScoped<ContentDisplay>();
        services.AddSingleton<Features.Media.MediaStore>();
        services.AddSingleton<Features.Applications.AttachmentStore>();

        services.AddScoped<RecipeExecutor>();
        services.AddScoped<IRecipeStep, TaxonomiesStep>();
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<ContentFieldsService>();
        services.AddScoped<IRecipeStep, ContentFieldsStep>();
        services.AddScoped<Features.Setup.SiteIdentityStore>();
        services.AddScoped<IRecipeStep, Features.Setup.SettingsStep>();
        services.AddScoped<RecipeRunner>();
        services.AddScoped<RecipeExporter>();
        services.AddSingleton<RecipeJobs>();
        services.AddIncubatorWorkflows();
        Features.Search.SearchExtensions.AddIncubatorSearch(services);
        Features.Targets.TargetsExtensions.AddIncubatorTargets(services);
        Features.Programmes.ProgrammesExtensions.AddIncubatorProgrammes(services);
        Features.Applications.ApplicationsExtensions.AddIncubatorApplications(services);
        Features.Records.RecordsExtensions.AddIncubatorRecords(services);

        // Extension points the features implement (issue 13): content types, search sources and tracking, workflow
        // items. Each call belongs to its feature's module; the generic parts only read what is registered.
        services.AddSearchTracking<ContentItem>(i => i.ContentItemId.Length > 0 ? (i.ContentType, i.ContentItemId) : null);
        services.AddDirectoryContentTypes();
        Features.Pages.PageContentTypes.AddPageContentTypes(services);
        services.AddProfileWorkflows();
        Features.Reviews.ReviewsRegistrations.AddIncubatorReviews(services);

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Admin", Policies.BackOffice);
                // Records live in their feature's folder rather than under /Admin but are back-office pages all the
                // same; changing one also needs the Staff policy, which their handlers check.
                o.Conventions.AuthorizeFolder("/Records", Policies.BackOffice);
                o.Conventions.AuthorizeFolder("/Organisations");
                o.Conventions.AuthorizeFolder("/Applications");
                o.Conventions.Add(new HandlerPermissions.Convention());
            })
            .AddViewLocalization();
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddIncubatorApiAntiforgery();
        services.AddExceptionHandler<IncubatorExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

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
        // Not inside a UseWhen branch: re-executing from a branch finds no endpoint, so every 4xx page came out
        // as an empty 404. API clients get the bare status (or ProblemDetails) instead of the HTML page.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.Use(SessionValidation.FailRefusedAsync);
        app.UseIncubatorRateLimiting();
        app.UseAuthorization();
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
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        if (SecurityExtensions.OpenApiEnabled(app.Configuration, app.Environment))
        {
            app.MapOpenApi();
        }

        app.MapCultureSwitch();
        app.MapAccountApi();
        app.MapTaxonomyApi();
        app.MapDirectoryApi();
        app.MapOrganisationApi();
        app.MapWorkflowApi();
        Features.Programmes.ProgrammeApi.MapProgrammeApi(app);
        Features.Applications.ApplicationApi.MapApplicationApi(app);
        Features.Reviews.ReviewApi.MapReviewApi(app);
        Features.Reviews.ExpertLinkApi.MapExpertLinkApi(app);
        Features.Applications.FundingApi.MapFundingApi(app);
        Features.Applications.AttachmentApi.MapAttachmentApi(app);
        Features.Media.MediaApi.MapMedia(app);
        Features.Search.SearchApi.MapSearchApi(app);
        Features.Targets.TargetsExtensions.MapTargetApi(app);
        app.MapRecipeApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    private sealed class DatabaseHealthCheck(IncubatorDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
