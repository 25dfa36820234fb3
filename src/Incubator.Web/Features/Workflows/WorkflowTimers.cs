using Incubator.Core.Time;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Workflows;

/// <summary>Settings under "Workflows".</summary>
public sealed class WorkflowOptions
{
    /// <summary>How often due timers are fired; zero or less turns the background tick off.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Fires due workflow timers on a background tick. Safe with several web instances over one database: each due
/// instance is saved with its concurrency token, so it fires once whichever instance gets there first, and a timer
/// that fell due while the site was down fires at the first tick after it starts.
/// </summary>
internal sealed class WorkflowTimerService(IServiceScopeFactory scopes, IClock clock, IOptions<WorkflowOptions> options, ILogger<WorkflowTimerService> logger) : BackgroundService
{
    /// <summary>
    /// One tick: fires every timer due at <paramref name="nowUtc"/>; returns how many this call fired. Each tick has its
    /// own scope, so it reads the holidays as they are now, including a day staff added since the last tick.
    /// </summary>
    public async Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireDueTimersAsync(nowUtc, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TimerInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await TickAsync(clock.UtcNow, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Workflow timer tick failed; the next tick retries.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class WorkflowExtensions
{
    public static IServiceCollection AddIncubatorWorkflows(this IServiceCollection services)
    {
        services.AddScoped<HolidayCalendar>();
        services.AddScoped<HostWorkflowEffects>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<Recipes.IRecipeStep, HolidaysStep>();
        services.AddScoped<Recipes.IRecipeStep, WorkflowTypesStep>();
        services.AddOptions<WorkflowOptions>().BindConfiguration("Workflows");
        services.AddSingleton<WorkflowTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimerService>());
        return services;
    }
}
