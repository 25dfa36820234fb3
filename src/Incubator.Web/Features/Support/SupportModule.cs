namespace Incubator.Web.Features.Support;

/// <summary>The public list of approved support.</summary>
public static class SupportModule
{
    public static IServiceCollection AddSupport(this IServiceCollection services) => services;
}
