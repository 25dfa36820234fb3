using Incubator.Core.Content;
using Incubator.Recipes;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure.Caching;

namespace Incubator.Web.Features.Content;

/// <summary>The content engine: content items, their audit, custom fields and the content recipe steps.</summary>
internal static class ContentModule
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddScoped<ContentManager>();
        services.AddScoped<IContentHandler, AuditContentHandler>();
        services.AddScoped<ContentDisplay>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddDataCache();
        services.AddScoped<ContentFieldsService>();
        services.AddScoped<IRecipeStep, ContentFieldsStep>();
        services.AddNavigationProvider<ContentNavigation>();
        return services;
    }
}
