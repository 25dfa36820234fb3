using Incubator.Web.Features.Navigation;
using Incubator.Web.Features.People;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mailings;

/// <summary>Segments (saved filters over organisations and people) and mailings to their consenting members.</summary>
internal static class MailingsModule
{
    public static IServiceCollection AddMailings(this IServiceCollection services)
    {
        services.AddOptions<MailingsOptions>().BindConfiguration(MailingsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailingsOptions>, MailingsOptionsValidation>();
        services.AddScoped<SegmentMembers>();
        services.AddScoped<SaveSegment>();
        services.AddScoped<CreateMailing>();
        services.AddScoped<SendMailing>();
        services.AddScoped<UnsubscribePerson>();
        services.AddScoped<MailingEmails>();
        services.AddPersonReferences<MailingPersonReferences>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<MailingFeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<MailingFeeder>());
        services.AddNavigationProvider<MailingsNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapMailings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMailingsApi();
        return endpoints;
    }
}
