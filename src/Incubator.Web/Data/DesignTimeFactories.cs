using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Incubator.Web.Data;

// dotnet-ef builds each provider's context through these, without starting the site (which registers only the
// configured provider, and would migrate and run recipes). Generating migrations and scripts needs no database, so
// the connection strings only name the provider; a command that connects takes dotnet-ef's own --connection.

/// <summary>The SQLite context for dotnet-ef.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIncubatorDbContext>
{
    public SqliteIncubatorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIncubatorDbContext>().UseSqlite("Data Source=App_Data/incubator.db").UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

/// <summary>The PostgreSQL context for dotnet-ef.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIncubatorDbContext>
{
    public PostgresIncubatorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIncubatorDbContext>().UseNpgsql("Host=localhost;Database=incubator;Username=incubator").UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

/// <summary>
/// What the site's Identity registration tells the model (the schema version, which adds the passkeys table): without
/// it a context built outside the site has another model, and EF caches the first model it builds per context type.
/// </summary>
internal static class DesignTimeServices
{
    public static readonly IServiceProvider Identity = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = AccountModule.IdentitySchema)
        .BuildServiceProvider();
}
