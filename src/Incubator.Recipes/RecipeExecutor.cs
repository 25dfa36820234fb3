namespace Incubator.Recipes;

/// <summary>A step kind, owned by the feature whose data it sets. Steps must be idempotent.</summary>
public interface IRecipeStep
{
    /// <summary>The name recipes use for it, e.g. "Taxonomies".</summary>
    string Name { get; }

    /// <summary>Checks the step's data without changing anything; throws <see cref="RecipeException"/>.</summary>
    void Validate(RecipeStep step);

    /// <summary>Applies the step inside the recipe's transaction; returns how many records it changed.</summary>
    Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken);
}

/// <summary>The unit of work a recipe runs in: committed when every step succeeded, otherwise rolled back.</summary>
public interface IRecipeTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of a run: how many records each step changed (all zero on a second run).</summary>
public sealed record RecipeResult(string Recipe, IReadOnlyList<(string Step, int Changed)> Steps)
{
    public int Changed => Steps.Sum(s => s.Changed);
}

/// <summary>Validates every step first, then runs them in order in one transaction: all or nothing.</summary>
public sealed class RecipeExecutor(IEnumerable<IRecipeStep> stepKinds)
{
    private readonly Dictionary<string, IRecipeStep> _kinds = stepKinds.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> StepNames => _kinds.Keys;

    /// <summary>Checks that every step is known and well formed.</summary>
    public void Validate(Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        foreach (var step in recipe.Steps)
        {
            Kind(step).Validate(step);
        }
    }

    public Task<RecipeResult> ExecuteAsync(Recipe recipe, Func<CancellationToken, Task<IRecipeTransaction>> beginTransaction, CancellationToken cancellationToken = default) =>
        ExecuteAsync(recipe, beginTransaction, onStep: null, cancellationToken);

    /// <summary>Runs the recipe, telling <paramref name="onStep"/> about each step just before it runs (for progress).</summary>
    public async Task<RecipeResult> ExecuteAsync(Recipe recipe, Func<CancellationToken, Task<IRecipeTransaction>> beginTransaction, Action<RecipeStep>? onStep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beginTransaction);
        Validate(recipe);
        var results = new List<(string, int)>();
        await using var transaction = await beginTransaction(cancellationToken);
        foreach (var step in recipe.Steps)
        {
            onStep?.Invoke(step);
            results.Add((step.Name, await Kind(step).ExecuteAsync(step, cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return new RecipeResult(recipe.Name, results);
    }

    private IRecipeStep Kind(RecipeStep step) =>
        _kinds.TryGetValue(step.Name, out var kind)
            ? kind
            : throw step.Fail("$.name", "unknown step; known steps are {0}", string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal)));
}
