namespace Incubator.Web.Features.Shared;

/// <summary>Helpers that several features share (CSV files); it uses no feature, so any feature may use it.</summary>
internal static class SharedModule
{
    public static IServiceCollection AddShared(this IServiceCollection services) => services;
}
