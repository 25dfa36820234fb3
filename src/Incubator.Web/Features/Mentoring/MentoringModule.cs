using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.Organisations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mentoring;

/// <summary>Mentor details, startups' needs, explainable mentor suggestions and matches.</summary>
internal static class MentoringModule
{
    public static IServiceCollection AddMentoring(this IServiceCollection services)
    {
        services.AddOptions<MentoringOptions>().BindConfiguration(MentoringOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MentoringOptions>, MentoringOptionsValidation>();
        services.TryAddScoped<IMentorHoursUsed, NoMentorHoursUsed>();
        services.AddScoped<MentorSuggestions>();
        services.AddScoped<MatchCommands>();
        services.AddScoped<MentorRequestNotice>();
        services.AddScoped<IPersonalDataSource, MentoringPersonalData>();
        services.AddScoped<MentorProfiles>();
        services.AddNavigationProvider<MentoringNavigation>();
        services.AddNotificationTexts<MentoringNotificationTexts>();
        services.AddOrganisationPageSection<Admin.MentoringSection>();
        services.AddOwnerOrganisationSection<MentoringOwnerSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapMentoring(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMentoringApi();
        return endpoints;
    }
}
