using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Storage;

namespace Incubator.Web.Features.Imports;

/// <summary>Imports: people and organisations brought in from CSV and XLSX files, previewed, all or nothing.</summary>
internal static class ImportsModule
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddCheckedOptions<ImportOptions>(ImportOptions.Section, ImportOptions.Problems);
        services.AddSingleton<ImportStore>();
        services.AddScoped<ImportPeople>();
        services.AddScoped<ImportOrganisations>();

        // Extension points this feature implements: its folder of waiting files for the sweep, its menu entry.
        services.AddStoredFileFolder<ImportFiles>();
        services.AddNavigationProvider<ImportsNavigation>();
        return services;
    }
}
