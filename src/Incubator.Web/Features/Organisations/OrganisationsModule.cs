using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Timeline;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Organisations;

/// <summary>Organisations' own profiles: who may edit which, their pages and API.</summary>
internal static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddScoped<OrganisationAccess>();
        services.AddScoped<OwnerOrganisationSections>();
        services.AddScoped<OrganisationTimeline>();
        services.AddTimelineSource<ProfileTimelineSource>();
        services.AddScoped<Account.IPersonalDataSource, OrganisationPersonalData>();
        services.AddProfileWorkflows();
        // PostConfigure: AddRazorPages replaces the conventions collection when its options are first set up, which may
        // come after this module registers.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Organisations"));
        services.AddNavigationProvider<OrganisationsNavigation>();
        return services;
    }

    /// <summary>Adds a feature's section to the owner's pages of an organisation (see <see cref="IOwnerOrganisationSection"/>).</summary>
    public static IServiceCollection AddOwnerOrganisationSection<TSection>(this IServiceCollection services)
        where TSection : class, IOwnerOrganisationSection
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOwnerOrganisationSection, TSection>());
        return services;
    }

    /// <summary>Adds a feature's section to the back-office organisation page (see <see cref="Admin.IOrganisationPageSection"/>).</summary>
    public static IServiceCollection AddOrganisationPageSection<TSection>(this IServiceCollection services)
        where TSection : class, Admin.IOrganisationPageSection
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Admin.IOrganisationPageSection, TSection>());
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrganisationApi();
        endpoints.MapOrganisationTimelineApi();
        return endpoints;
    }
}
