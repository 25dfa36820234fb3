using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Incubator.IntegrationTests.Data;

/// <summary>
/// dotnet-ef writes each migration as the difference between the model and the provider's snapshot under
/// src/Incubator.Web/Data/EfModel/{provider}, so the snapshots must follow the model: a model change that was not
/// generated with dotnet-ef (README, "Data and migrations") fails here. Reading the snapshot needs no database.
/// </summary>
public sealed class EfModelSnapshotTests
{
    public static TheoryData<string> Contexts() => new(nameof(SqliteIncubatorDbContext), nameof(PostgresIncubatorDbContext));

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Should_match_the_model_when_the_ef_snapshot_of_the_provider_is_read(string context)
    {
        using IncubatorDbContext db = context == nameof(SqliteIncubatorDbContext)
            ? ((IDesignTimeDbContextFactory<SqliteIncubatorDbContext>)new SqliteDesignTimeFactory()).CreateDbContext([])
            : ((IDesignTimeDbContextFactory<PostgresIncubatorDbContext>)new PostgresDesignTimeFactory()).CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed without `dotnet ef migrations add` for {context}: see README, Data and migrations.");
    }
}
