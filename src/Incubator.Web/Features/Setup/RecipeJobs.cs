using Incubator.Core.Time;
using Incubator.Recipes;

namespace Incubator.Web.Features.Setup;

/// <summary>Where the recipe started from the back office stands.</summary>
internal enum RecipeJobStatus
{
    None,
    Running,
    Done,
    Failed,
}

/// <summary>A snapshot of the current or last recipe run: which step of how many, and how it ended.</summary>
internal sealed record RecipeJobState(
    RecipeJobStatus Status,
    string? Recipe,
    int Step,
    int Steps,
    string? StepName,
    string? Message,
    DateTime? StartedUtc,
    DateTime? FinishedUtc,
    int Changed = 0)
{
    /// <summary>The refusal that stopped the run, for the page to describe in its reader's language.</summary>
    public RecipeException? Error { get; init; }
}

/// <summary>
/// Runs one recipe at a time in the background for the back office and keeps its progress for the page to show. The
/// recipe is checked before the run is accepted, so a refused recipe never starts. Several web instances each keep
/// their own progress; the recipe's transaction (under an advisory lock on PostgreSQL) still runs them one at a time.
/// </summary>
internal sealed class RecipeJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<RecipeJobs> logger)
{
    private readonly Lock _lock = new();
    private RecipeJobState _state = new(RecipeJobStatus.None, null, 0, 0, null, null, null, null);

    public RecipeJobState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Starts the recipe unless one is running; false when one is, and then nothing starts.</summary>
    public bool TryStart(Recipe recipe, string json)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        lock (_lock)
        {
            if (_state.Status == RecipeJobStatus.Running)
            {
                return false;
            }

            _state = new(RecipeJobStatus.Running, recipe.Name, 0, recipe.Steps.Count, null, null, clock.GetUtcNow().UtcDateTime, null);
        }

        _ = Task.Run(() => RunAsync(json, lifetime.ApplicationStopping));
        return true;
    }

    private async Task RunAsync(string json, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
            var result = await runner.RunAsync(json, null, step => Update(s => s with { Step = step.Number, StepName = step.Name }), cancellationToken);
            Update(s => s with { Status = RecipeJobStatus.Done, Step = s.Steps, Message = null, FinishedUtc = clock.GetUtcNow().UtcDateTime, Changed = result.Changed });
        }
#pragma warning disable CA1031 // whatever stops the run is shown to staff on the page rather than lost in a background thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A recipe started from the back office failed");
            var message = ex is RecipeException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            Update(s => s with { Status = RecipeJobStatus.Failed, Message = message, Error = ex as RecipeException, FinishedUtc = clock.GetUtcNow().UtcDateTime });
        }
    }

    private void Update(Func<RecipeJobState, RecipeJobState> change)
    {
        lock (_lock)
        {
            _state = change(_state);
        }
    }
}
