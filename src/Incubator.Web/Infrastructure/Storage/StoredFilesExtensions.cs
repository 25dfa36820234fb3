namespace Incubator.Web.Infrastructure.Storage;

internal static class StoredFilesExtensions
{
    /// <summary>The sweep of stored-file folders and its settings; features add their folders with <see cref="AddStoredFileFolder{T}"/>.</summary>
    public static IServiceCollection AddStoredFiles(this IServiceCollection services)
    {
        services.AddCheckedOptions<StorageOptions>(StorageOptions.Section, StorageOptions.Problems);
        services.AddSingleton<StoredFileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StoredFileSweeper>());
        return services;
    }

    /// <summary>Registers a folder of stored files for the sweep.</summary>
    public static IServiceCollection AddStoredFileFolder<T>(this IServiceCollection services)
        where T : class, IStoredFileFolder
    {
        services.AddSingleton<IStoredFileFolder, T>();
        return services;
    }
}
