using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Backup;

/// <summary>Backup and restore: the archive writer, its check and the restore, and the <c>backup</c> and <c>restore</c> commands.</summary>
internal static class BackupModule
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddScoped<BackupWriter>();
        services.AddScoped<BackupRestorer>();
        services.AddSiteCommand<BackupCommand>();
        services.AddSiteCommand<RestoreCommand>();
        return services;
    }
}
