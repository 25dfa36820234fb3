using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

public sealed class WorkflowTypesStepTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_install_the_default_workflow_types_when_a_site_starts(DatabaseProvider provider)
    {
        var types = await sites[provider].QueryAsync(db => db.WorkflowTypes.OrderBy(t => t.Key).ToListAsync());

        var publication = Assert.Single(types, t => t.Key == "profile-publication");
        Assert.Equal((3, true, "profile-submitted"), (publication.Version, publication.Enabled, publication.StartEvent));
        Assert.Equal("application-submitted", Assert.Single(types, t => t.Key == "support-approval").StartEvent);
        Assert.Equal("profile-publication", publication.ToWorkflowType().Key);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_old_version_when_a_recipe_brings_a_new_one(DatabaseProvider provider)
    {
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = sites[provider].Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();

        Assert.Equal(1, (await runner.RunAsync(Recipe(key, 1, "first"))).Changed);
        Assert.Equal(0, (await runner.RunAsync(Recipe(key, 1, "first"))).Changed);
        Assert.Equal(1, (await runner.RunAsync(Recipe(key, 2, "second"))).Changed);

        var versions = await sites[provider].QueryAsync(db => db.WorkflowTypes.Where(t => t.Key == key).OrderBy(t => t.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("first", Assert.IsType<Incubator.Workflows.SetStatusActivity>(versions[0].ToWorkflowType().Activities[1]).Status);
        Assert.Equal("second", Assert.IsType<Incubator.Workflows.SetStatusActivity>(versions[1].ToWorkflowType().Activities[1]).Status);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_an_installed_version_comes_back_changed(DatabaseProvider provider)
    {
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = sites[provider].Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        await runner.RunAsync(Recipe(key, 2, "first"));

        var changed = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(Recipe(key, 2, "changed")));
        var older = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(Recipe(key, 1, "first")));

        Assert.Equal(("WorkflowTypes", "$.types[0].version"), (changed.StepName, changed.Field));
        Assert.Contains("new version", changed.Message, StringComparison.Ordinal);
        Assert.Contains("older", older.Message, StringComparison.Ordinal);
        var stored = await sites[provider].QueryAsync(db => db.WorkflowTypes.Where(t => t.Key == key).ToListAsync());
        Assert.Equal("first", Assert.IsType<Incubator.Workflows.SetStatusActivity>(Assert.Single(stored).ToWorkflowType().Activities[1]).Status);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_type_whose_transition_leads_nowhere(DatabaseProvider provider)
    {
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = sites[provider].Services.CreateScope();
        var broken = Recipe(key, 1, "first").Replace("\"to\": \"done\"", "\"to\": \"nowhere\"", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RecipeException>(() => scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(broken));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.False(await sites[provider].QueryAsync(db => db.WorkflowTypes.AnyAsync(t => t.Key == key)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_only_switch_the_flag_when_a_recipe_disables_an_installed_version(DatabaseProvider provider)
    {
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = sites[provider].Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        await runner.RunAsync(Recipe(key, 1, "first"));

        var result = await runner.RunAsync(Recipe(key, 1, "first", enabled: false));

        Assert.Equal(1, result.Changed);
        var stored = await sites[provider].QueryAsync(db => db.WorkflowTypes.SingleAsync(t => t.Key == key));
        Assert.False(stored.Enabled);
        Assert.False(stored.ToWorkflowType().Enabled);
    }

    /// <summary>A one-type recipe; its start event is the key, so the sites other tests share never start it.</summary>
    private static string Recipe(string key, int version, string status, bool enabled = true) => $$"""
        { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
            "key": "{{key}}", "name": "Test", "version": {{version}}, "enabled": {{(enabled ? "true" : "false")}}, "startEvent": "{{key}}",
            "activities": [
              { "kind": "start", "id": "start", "event": "{{key}}" },
              { "kind": "setStatus", "id": "status", "status": "{{status}}" },
              { "kind": "end", "id": "done" } ],
            "transitions": [
              { "from": "start", "outcome": "done", "to": "status" },
              { "from": "status", "outcome": "done", "to": "done" } ] } ] } ] }
        """;
}
