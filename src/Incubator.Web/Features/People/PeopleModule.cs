namespace Incubator.Web.Features.People;

/// <summary>People (contacts): who the founders, team members, contacts, advisers and investors are.</summary>
internal static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services) => services;
}
