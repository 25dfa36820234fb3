namespace Incubator.Web.Features.Shared;

/// <summary>Partials and helpers that several features' pages share.</summary>
public static class SharedModule
{
    public static IServiceCollection AddShared(this IServiceCollection services) => services;
}
