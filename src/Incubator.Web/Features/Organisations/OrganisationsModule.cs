using Incubator.Web.Features.Navigation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Organisations;

/// <summary>Organisations' own profiles: who may edit which, their pages and API.</summary>
internal static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddScoped<OrganisationAccess>();
        services.AddScoped<Account.IPersonalDataSource, OrganisationPersonalData>();
        services.AddProfileWorkflows();
        // PostConfigure: AddRazorPages replaces the conventions collection when its options are first set up, which may
        // come after this module registers.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Organisations"));
        services.AddNavigationProvider<OrganisationsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrganisationApi();
        return endpoints;
    }
}
