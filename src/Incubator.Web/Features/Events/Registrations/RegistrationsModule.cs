using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>Registration for events: the public event page and its form, tickets, the waitlist, e-mails and reminders.</summary>
internal static class RegistrationsModule
{
    public static IServiceCollection AddEventRegistrations(this IServiceCollection services)
    {
        services.AddCheckedOptions<RegistrationOptions>(RegistrationOptions.Section, RegistrationOptions.Problems);
        services.AddSingleton<RegistrationTokens>();
        services.AddScoped<RegistrationCommands>();
        services.AddScoped<RegistrationNotices>();
        services.AddScoped<RegistrationReader>();
        services.AddSingleton<RegistrationReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationReminderService>());
        services.AddScoped<IPersonalDataSource, RegistrationPersonalData>();
        services.AddScoped<IEventUpdated, WaitlistOnCapacity>();
        services.AddNavigationProvider<RegistrationsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapEventRegistrations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRegistrationsApi();
        return endpoints;
    }
}
