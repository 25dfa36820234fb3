using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// Backup and restore: the archive writer, its check and the restore, the <c>backup</c> and <c>restore</c> commands,
/// and the backup folder with its daily schedule and its back-office page.
/// </summary>
internal static class BackupModule
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddScoped<BackupWriter>();
        services.AddScoped<BackupRestorer>();
        services.AddSiteCommand<BackupCommand>();
        services.AddSiteCommand<RestoreCommand>();
        services.AddCheckedOptions<BackupOptions>(BackupOptions.Section, BackupOptions.Problems);
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.TryAddSingleton<SiteInstance>();
        services.AddSingleton<BackupJobs>();
        services.AddSingleton<BackupScheduleService>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupScheduleService>());
        services.AddNavigationProvider<BackupNavigation>();
        return services;
    }
}
