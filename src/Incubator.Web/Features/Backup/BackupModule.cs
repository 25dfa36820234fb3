namespace Incubator.Web.Features.Backup;

/// <summary>Backup and restore: the archive writer, its check and the restore, used by <see cref="BackupCommand"/>.</summary>
public static class BackupModule
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddScoped<BackupWriter>();
        services.AddScoped<BackupRestorer>();
        return services;
    }
}
