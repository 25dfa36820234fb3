using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using System.Text.Json;
using Incubator.Core.Time;
using Incubator.Workflows;

namespace Incubator.UnitTests.Workflows;

/// <summary>Builds small workflow types from JSON the way recipes write them.</summary>
internal static class TestWorkflows
{
    public static WorkflowType Type(string activities, string[] transitions, bool enabled = true, int version = 1, string key = "test") =>
        WorkflowJson.Parse($$"""
            {
              "key": "{{key}}", "name": "Test", "version": {{version}}, "enabled": {{(enabled ? "true" : "false")}},
              "startEvent": "submitted",
              "activities": [ { "kind": "start", "id": "start", "event": "submitted" }, {{activities}} ],
              "transitions": [ {{string.Join(", ", transitions.Select(Transition))}} ]
            }
            """);

    /// <summary>Saturday and Sunday off, and the 2026 holidays around the end of April the timer tests cross.</summary>
    public static WorkingCalendar Calendar { get; } = new(
    [
        new(2026, 4, 27), // Hùng Kings (Sunday 26/4) compensated on Monday
        new(2026, 4, 30), // Reunification Day
        new(2026, 5, 1), // Labour Day
    ]);

    /// <summary>A workflow type the default recipe ships, read from its "WorkflowTypes" step.</summary>
    public static WorkflowType Load(string key) =>
        WorkflowJson.Parse(DefaultRecipeStep("WorkflowTypes").GetProperty("types").EnumerateArray().Single(t => t.GetProperty("key").GetString() == key));

    /// <summary>The calendar a site set up by the default recipe has: Saturday and Sunday off, and the days of its "Holidays" step.</summary>
    public static WorkingCalendar DefaultCalendar() =>
        new(DefaultRecipeStep("Holidays").GetProperty("days").EnumerateArray()
            .Select(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static JsonElement DefaultRecipeStep(string name)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "recipes", "default.recipe.json"));
        using var recipe = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return recipe.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).Clone();
    }

    /// <summary>The whole instance as JSON, to prove a refusal changed nothing.</summary>
    public static string Snapshot(WorkflowInstance instance) => JsonSerializer.Serialize(instance);

    /// <summary>"from.outcome->to".</summary>
    private static string Transition(string spec)
    {
        var arrow = spec.Split("->");
        var dot = arrow[0].LastIndexOf('.');
        return $$"""{ "from": "{{arrow[0][..dot]}}", "outcome": "{{arrow[0][(dot + 1)..]}}", "to": "{{arrow[1]}}" }""";
    }
}

/// <summary>Records what the workflow did; conditions answer from a table, any effect can be made to throw.</summary>
internal sealed class RecordingEffects : IWorkflowEffects
{
    public FakeTimeProvider TestClock { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public TimeProvider Clock => TestClock;

    public List<string> Calls { get; } = [];

    public Dictionary<ConditionKind, bool> Conditions { get; } = [];

    public List<string> Assign { get; } = [];

    public string? ThrowOn { get; set; }

    public Task<bool> EvaluateConditionAsync(ConditionKind condition, WorkflowInstance instance)
    {
        Record($"condition {condition} {instance.CorrelationId}");
        return Task.FromResult(Conditions.GetValueOrDefault(condition));
    }

    public Task SetStatusAsync(WorkflowInstance instance, string status)
    {
        var cause = instance.History.LastOrDefault();
        Record($"status {status}" + (cause?.Comment is null ? string.Empty : $" ({cause.Comment})"));
        return Task.CompletedTask;
    }

    public Task NotifyAsync(WorkflowInstance instance, string template, string to, IReadOnlyList<string> assignees)
    {
        Record($"notify {template} to {to}" + (assignees.Count > 0 ? $" [{string.Join(",", assignees)}]" : string.Empty));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> AssignAsync(WorkflowInstance instance, string what)
    {
        Record($"assign {what}");
        return Task.FromResult<IReadOnlyList<string>>(Assign.ToList());
    }

    private void Record(string call)
    {
        if (ThrowOn is not null && call.StartsWith(ThrowOn, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"effect failed: {call}");
        }

        Calls.Add(call);
    }
}
