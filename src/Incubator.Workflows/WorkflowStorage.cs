using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Workflows;

/// <summary>
/// One stored version of a workflow type. Versions are immutable apart from <see cref="Enabled"/>: a change of
/// definition is a new row with a higher version, so instances pinned to an older version keep their definition.
/// </summary>
public sealed class WorkflowTypeRecord
{
    /// <summary>The row id.</summary>
    public int Id { get; set; }

    /// <summary>The type's key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The version of this row's definition.</summary>
    public int Version { get; set; }

    /// <summary>The type's name as one text, for lists (the Vietnamese one when the definition names it in both languages).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The event that starts the type.</summary>
    public string StartEvent { get; set; } = string.Empty;

    /// <summary>Whether the version may start or resume instances.</summary>
    public bool Enabled { get; set; }

    /// <summary>The definition as <see cref="WorkflowJson"/> writes it, without "enabled" (kept in its own column).</summary>
    public string Definition { get; set; } = string.Empty;

    /// <summary>When this version was stored (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>The stored form of a definition: canonical JSON without the "enabled" flag.</summary>
    public static string DefinitionOf(WorkflowType type)
    {
        var node = JsonNode.Parse(WorkflowJson.Serialize(type))!.AsObject();
        node.Remove("enabled");
        return node.ToJsonString();
    }

    /// <summary>The definition with this row's <see cref="Enabled"/> flag.</summary>
    public WorkflowType ToWorkflowType()
    {
        var node = JsonNode.Parse(Definition)!.AsObject();
        node["enabled"] = Enabled;
        return WorkflowJson.Parse(node.ToJsonString());
    }
}

/// <summary>Adds the workflow engine's tables to the host's model.</summary>
public static class WorkflowModelBuilderExtensions
{
    /// <summary>Maps the workflow tables into the host's DbContext.</summary>
    public static ModelBuilder AddWorkflowTables(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<WorkflowTypeRecord>(e =>
        {
            e.ToTable("WorkflowTypes");
            e.Property(x => x.Key).HasMaxLength(100).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.StartEvent).HasMaxLength(100).IsRequired();
            e.Property(x => x.Definition).IsRequired();
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.HasIndex(x => x.StartEvent);
        });
        builder.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.TypeKey).HasMaxLength(100).IsRequired();
            e.Property(x => x.CorrelationId).HasMaxLength(100).IsRequired();
            // Instances stored before kinds existed get theirs from the migration that added the column.
            e.Property(x => x.ItemKind).HasMaxLength(50).IsRequired().HasDefaultValue(string.Empty);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.State).IsRequired();
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => x.NextDueUtc);
        });
        builder.Entity<WorkflowHistoryRecord>(e =>
        {
            e.ToTable("WorkflowHistory");
            e.Property(x => x.By).HasMaxLength(450);
            e.Property(x => x.ActivityId).HasMaxLength(100).IsRequired();
            e.Property(x => x.Outcome).HasMaxLength(100).IsRequired();
            e.Property(x => x.Data).IsRequired();
            e.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.InstanceId);
        });
        return builder;
    }
}
