using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.People;

/// <summary>People (contacts): who the founders, team members, contacts, advisers and investors are.</summary>
internal static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddScoped<OrganisationNames>();
        services.AddScoped<PersonUserLink>();
        services.AddScoped<SavePerson>();
        services.AddScoped<MergePeople>();
        services.AddScoped<RecordConsent>();

        // Extension points this feature implements: the user link on a confirmed e-mail, the newsletter box, search, indicators, personal
        // data, the organisation page's people section and the menu.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IEmailConfirmedListener, PersonUserLink>());
        services.AddAccountChoice<NewsletterChoice>();
        services.AddPersonSearch();
        services.AddScoped<IIndicatorSource, PeopleIndicators>();
        services.AddScoped<IIndicatorSource, FounderIndicators>();
        services.AddScoped<IPersonalDataSource, PersonPersonalData>();
        services.AddOrganisationPageSection<OrganisationPeopleSection>();
        services.AddNavigationProvider<PeopleNavigation>();
        return services;
    }

    /// <summary>Adds a feature's rows that point at people, to be moved when two people are merged (see <see cref="IPersonReferences"/>).</summary>
    public static IServiceCollection AddPersonReferences<T>(this IServiceCollection services)
        where T : class, IPersonReferences
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPersonReferences, T>());
        return services;
    }

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPeopleApi();
        return endpoints;
    }
}
