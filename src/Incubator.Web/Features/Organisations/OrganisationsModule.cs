using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Organisations;

/// <summary>Organisations' own profiles: who may edit which, their pages and API.</summary>
public static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddScoped<OrganisationAccess>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Organisations"));
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrganisationApi();
        return endpoints;
    }
}
