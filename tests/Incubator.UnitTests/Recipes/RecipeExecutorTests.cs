using Incubator.Recipes;

namespace Incubator.UnitTests.Recipes;

public sealed class RecipeExecutorTests
{
    private readonly List<string> _log = [];

    private static Recipe Parse(params string[] stepNames) =>
        RecipeReader.Parse($$"""{ "name": "test", "steps": [ {{string.Join(", ", stepNames.Select(n => $$"""{ "name": "{{n}}" }"""))}} ] }""");

    private Func<CancellationToken, Task<IRecipeTransaction>> Begin(FakeTransaction transaction) => _ =>
    {
        _log.Add("begin");
        return Task.FromResult<IRecipeTransaction>(transaction);
    };

    [Fact]
    public async Task Should_run_steps_in_order_and_commit_when_all_steps_succeed()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log, changed: 1), new FakeStep("B", _log, changed: 2), new FakeStep("C", _log, changed: 0)]);
        var transaction = new FakeTransaction(_log);

        var result = await executor.ExecuteAsync(Parse("B", "A", "C", "A"), Begin(transaction));

        Assert.True(transaction.Committed);
        Assert.True(transaction.Disposed);
        Assert.Equal(
            ["validate B#1", "validate A#2", "validate C#3", "validate A#4", "begin", "execute B#1", "execute A#2", "execute C#3", "execute A#4", "commit", "dispose"],
            _log);
        Assert.Equal("test", result.Recipe);
        Assert.Equal([("B", 2), ("A", 1), ("C", 0), ("A", 1)], result.Steps);
        Assert.Equal(4, result.Changed);
    }

    [Fact]
    public async Task Should_report_each_step_just_before_it_runs_when_progress_is_asked_for()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log), new FakeStep("B", _log)]);

        await executor.ExecuteAsync(Parse("B", "A"), Begin(new FakeTransaction(_log)), step => _log.Add($"progress {step.Name}#{step.Number}"));

        Assert.Equal(["validate B#1", "validate A#2", "begin", "progress B#1", "execute B#1", "progress A#2", "execute A#2", "commit", "dispose"], _log);
    }

    [Fact]
    public async Task Should_validate_every_step_before_the_first_execute()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log), new FakeStep("B", _log)]);

        await executor.ExecuteAsync(Parse("A", "B", "A"), Begin(new FakeTransaction(_log)));

        var lastValidate = _log.FindLastIndex(e => e.StartsWith("validate", StringComparison.Ordinal));
        var firstExecute = _log.FindIndex(e => e.StartsWith("execute", StringComparison.Ordinal));
        Assert.Equal(3, _log.Count(e => e.StartsWith("validate", StringComparison.Ordinal)));
        Assert.True(firstExecute > lastValidate, string.Join(", ", _log));
    }

    [Fact]
    public async Task Should_roll_back_and_stop_when_a_step_fails()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log), new FakeStep("Broken", _log, throwOnExecute: true), new FakeStep("C", _log)]);
        var transaction = new FakeTransaction(_log);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => executor.ExecuteAsync(Parse("A", "Broken", "C"), Begin(transaction)));

        Assert.Equal("Broken failed", ex.Message);
        Assert.False(transaction.Committed);
        Assert.True(transaction.Disposed);
        Assert.DoesNotContain("execute C#3", _log);
        Assert.Equal(["validate A#1", "validate Broken#2", "validate C#3", "begin", "execute A#1", "execute Broken#2", "dispose"], _log);
    }

    [Fact]
    public async Task Should_throw_before_any_step_runs_when_a_step_name_is_unknown()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log), new FakeStep("B", _log)]);
        var transaction = new FakeTransaction(_log);

        var ex = await Assert.ThrowsAsync<RecipeException>(() => executor.ExecuteAsync(Parse("A", "Nope", "B"), Begin(transaction)));

        Assert.Equal(2, ex.StepNumber);
        Assert.Equal("Nope", ex.StepName);
        Assert.Equal("$.name", ex.Field);
        Assert.Contains("A, B", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("begin", _log);
        Assert.DoesNotContain(_log, e => e.StartsWith("execute", StringComparison.Ordinal));
        Assert.False(transaction.Committed);
    }

    [Fact]
    public async Task Should_not_begin_transaction_when_a_step_fails_validation()
    {
        var executor = new RecipeExecutor([new FakeStep("A", _log), new FakeStep("Picky", _log, throwOnValidate: true)]);
        var transaction = new FakeTransaction(_log);

        var ex = await Assert.ThrowsAsync<RecipeException>(() => executor.ExecuteAsync(Parse("A", "Picky"), Begin(transaction)));

        Assert.Equal(2, ex.StepNumber);
        Assert.Equal("Picky", ex.StepName);
        Assert.DoesNotContain("begin", _log);
        Assert.DoesNotContain(_log, e => e.StartsWith("execute", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_list_known_step_names()
    {
        var executor = new RecipeExecutor([new FakeStep("Pages", _log), new FakeStep("Taxonomies", _log)]);

        Assert.Equal(["Pages", "Taxonomies"], executor.StepNames.Order(StringComparer.Ordinal));
    }

    private sealed class FakeStep(string name, List<string> log, int changed = 1, bool throwOnValidate = false, bool throwOnExecute = false) : IRecipeStep
    {
        public string Name => name;

        public void Validate(RecipeStep step)
        {
            log.Add($"validate {step.Name}#{step.Number}");
            if (throwOnValidate)
            {
                throw step.Fail("$", "refused by the test step");
            }
        }

        public Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
        {
            log.Add($"execute {step.Name}#{step.Number}");
            if (throwOnExecute)
            {
                throw new InvalidOperationException($"{name} failed");
            }

            return Task.FromResult(changed);
        }
    }

    private sealed class FakeTransaction(List<string> log) : IRecipeTransaction
    {
        public bool Committed { get; private set; }

        public bool Disposed { get; private set; }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            log.Add("commit");
            Committed = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            log.Add("dispose");
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
