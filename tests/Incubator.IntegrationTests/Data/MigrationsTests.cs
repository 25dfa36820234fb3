using System.Data.Common;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Incubator.IntegrationTests.Data;

/// <summary>
/// The SQL migrations and the EF model must describe the same schema: a database built by the
/// migrations is compared, table by table, column by column and index by index, with one that EF creates
/// from the model. When this fails, write a new migration under src/Incubator.Web/Data/Migrations/{provider}.
/// </summary>
public sealed class MigrationsTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_build_the_schema_of_the_model_when_all_migrations_are_applied(DatabaseProvider provider)
    {
        await using var migrated = TestDatabase.Create(provider);
        await using var created = TestDatabase.Create(provider);

        await using (var db = migrated.Context())
        {
            var applied = await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
            Assert.NotEmpty(applied);
            Assert.Empty(await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync());
        }

        await using (var db = created.Context())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await created.SchemaAsync();
        var actual = await migrated.SchemaAsync();

        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            // EF's own create script for the current model: the reference to copy the new migration's SQL from.
            var reference = Path.Combine(Path.GetTempPath(), $"incubator-model-{provider}.sql");
            await using (var db = created.Context())
            {
                await File.WriteAllTextAsync(reference, db.Database.GenerateCreateScript());
            }

            Assert.Fail($"The migrations and the model disagree; the model's full create script is in {reference}.\nIn the model but not the migrations:\n{string.Join('\n', missing)}\nIn the migrations but not the model:\n{string.Join('\n', extra)}");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_holidays_the_code_used_to_hold_when_a_site_set_up_before_0006_upgrades(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = database.Context();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        Assert.Empty(await db.Holidays.ToListAsync()); // a fresh database: its set-up recipe brings the calendar

        // The same database as a site set up before 0006: without the table, with its set-up recipe recorded.
        await db.Database.ExecuteSqlRawAsync("""DROP TABLE "Holidays"; DELETE FROM "__incubator_migrations" WHERE "Id" = '0006_Holidays'""");
        db.SiteSettings.Add(new Incubator.Web.Features.Setup.SiteSetting { Key = Incubator.Web.Features.Setup.SiteSetup.RecipeDoneKey, Value = "default" });
        await db.SaveChangesAsync();

        Assert.Equal(["0006_Holidays"], await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync());

        var holidays = await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync();
        Assert.Equal(22, holidays.Count);
        Assert.Equal("Tết Nguyên đán", holidays.Single(h => h.Date == new DateOnly(2026, 2, 17)).Name);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2027, 9, 3)), (holidays[0].Date, holidays[^1].Date));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_grant_the_roles_their_former_rights_when_a_site_set_up_before_0014_upgrades(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = database.Context();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();

        // A site set up before 0014: its roles exist and hold no permission.
        foreach (var role in new[] { "Administrator", "Staff", "Leader", "Reviewer" })
        {
            db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__incubator_migrations" WHERE "Id" = '0014_PermissionGrants'""");

        Assert.Equal(["0014_PermissionGrants"], await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync());

        var grants = await (from c in db.RoleClaims join r in db.Roles on c.RoleId equals r.Id select r.Name + ":" + c.ClaimValue).ToListAsync();
        Assert.Equal(["Administrator:Administration", "Administrator:BackOffice", "Administrator:Staff", "Leader:BackOffice", "Staff:BackOffice", "Staff:Staff"], grants.Order(StringComparer.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_give_existing_instances_the_kind_of_their_item_when_a_site_set_up_before_0019_upgrades(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = database.Context();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();

        // A site before 0019: an application, a startup and an instance about each, and one about an item that is gone.
        var (application, startup, gone) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var now = DateTime.UtcNow;
        db.Applications.Add(new Incubator.Web.Features.Applications.SupportApplication { Id = application, ProgrammeId = "p", RoundKey = "r", OrganisationId = startup, OwnerId = "u", Title = "Hồ sơ", CreatedUtc = now, UpdatedUtc = now });
        db.Startups.Add(new Incubator.Web.Features.Directory.Startup { ContentItemId = startup, Version = 1, Latest = true, Slug = "cong-ty", Title = "Công ty", Summary = "Tóm tắt", CreatedUtc = now, ModifiedUtc = now });
        foreach (var id in new[] { application, startup, gone })
        {
            db.WorkflowInstances.Add(new Incubator.Workflows.WorkflowInstanceRecord { Id = Guid.NewGuid(), TypeKey = "t", TypeVersion = 1, CorrelationId = id, CreatedUtc = now, UpdatedUtc = now });
        }

        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "WorkflowInstances" DROP COLUMN "ItemKind" """);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__incubator_migrations" WHERE "Id" = '0019_WorkflowItemKinds'""");
        db.ChangeTracker.Clear();

        Assert.Equal(["0019_WorkflowItemKinds"], await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync());

        var kinds = await db.WorkflowInstances.AsNoTracking().ToDictionaryAsync(i => i.CorrelationId, i => i.ItemKind);
        Assert.Equal(("application", "profile", ""), (kinds[application], kinds[startup], kinds[gone]));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_drop_the_old_search_engines_tables_when_a_site_with_an_indexed_document_upgrades_through_0022(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = database.Context();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();

        // A site that has not run 0022 (the others applied and recorded), a document indexed the way 0009 stored it.
        // The search tables as 0009 and 0012 left them (the outbox then was as 0009 made it).
        await db.Database.ExecuteSqlRawAsync("""DROP TABLE "SearchCheckpoints"; DROP TABLE "SearchIndexState"; DROP TABLE "SearchOutbox"; DELETE FROM "__incubator_migrations" WHERE "Id" = '0022_SearchIndex'""");
        foreach (var (_, sql) in Migrator.Load(provider.ToString()).Where(m => m.Id.StartsWith("0009", StringComparison.Ordinal) || m.Id.StartsWith("0012", StringComparison.Ordinal)))
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "SearchDocuments" ("Key", "Type", "ItemId", "Slug", "Title", "Url", "Summary", "Body", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc", "IndexedUtc")
            VALUES ('startup/a1', 'startup', 'a1', 'doi-moi', 'Đổi mới sáng tạo', '/directory/startups/doi-moi', 'Tóm tắt', 'Nông nghiệp', TRUE, '[]', NULL, NULL, '2026-10-01 00:00:00', '2026-10-01 00:00:00')
            """);

        Assert.Equal(["0022_SearchIndex"], await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync());

        var schema = await database.SchemaAsync();
        Assert.DoesNotContain(schema, line => line.Contains("SearchDocuments", StringComparison.Ordinal) || line.Contains("SearchFts", StringComparison.Ordinal)
            || line.Contains("SearchFacets", StringComparison.Ordinal) || line.Contains("SearchState", StringComparison.Ordinal));
        Assert.Contains(schema, line => line.StartsWith("column SearchCheckpoints.", StringComparison.Ordinal));
        if (provider == DatabaseProvider.Sqlite)
        {
            var leftovers = await db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE name LIKE 'Search%' AND name NOT IN ('SearchOutbox', 'SearchCheckpoints', 'SearchIndexState') AND name NOT LIKE 'IX_%'""").ToListAsync();
            Assert.Empty(leftovers);
        }
    }

    private sealed class TestDatabase : IAsyncDisposable
    {
        private readonly DatabaseProvider _provider;
        private readonly string _connectionString;
        private readonly string? _name;

        private TestDatabase(DatabaseProvider provider, string connectionString, string? name)
        {
            (_provider, _connectionString, _name) = (provider, connectionString, name);
        }

        public static TestDatabase Create(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), $"incubator-schema-{Guid.NewGuid():N}.db");
                return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file);
            }

            var name = "incubator_schema_" + Guid.NewGuid().ToString("N")[..12];
            PostgresDatabases.Create(name);
            return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = name }.ToString(), name);
        }

        public IncubatorDbContext Context() => _provider == DatabaseProvider.Sqlite
            ? new SqliteIncubatorDbContext(new DbContextOptionsBuilder<SqliteIncubatorDbContext>().UseSqlite(_connectionString).UseApplicationServiceProvider(IdentityServices).Options)
            : new PostgresIncubatorDbContext(new DbContextOptionsBuilder<PostgresIncubatorDbContext>().UseNpgsql(_connectionString).UseApplicationServiceProvider(IdentityServices).Options);

        /// <summary>Identity shapes its tables by the options the site gives it (the schema version), so the model here must see them too.</summary>
        private static readonly IServiceProvider IdentityServices = new ServiceCollection()
            .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Incubator.Web.Features.Account.AccountModule.IdentitySchema)
            .BuildServiceProvider();

        /// <summary>One line per column and per index, in a form that does not depend on how the object was created.</summary>
        public async Task<HashSet<string>> SchemaAsync()
        {
            await using DbConnection connection = _provider == DatabaseProvider.Sqlite ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            var sql = _provider == DatabaseProvider.Sqlite
                ? """
                  SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || CASE WHEN c."notnull" THEN ' not null' ELSE '' END || CASE WHEN c.pk > 0 THEN ' pk' ELSE '' END
                  FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__incubator_migrations'
                  UNION ALL
                  SELECT 'index ' || m.tbl_name || ' ' || m.name || ' ' || replace(replace(m.sql, '  ', ' '), '"', '')
                  FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL
                  UNION ALL
                  SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
                  FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
                  """
                : """
                  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__incubator_migrations'
                  UNION ALL
                  SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__incubator_migrations'
                  UNION ALL
                  SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '__incubator_migrations'
                  """;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var result = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add(reader.GetString(0));
            }

            return result;
        }

        public ValueTask DisposeAsync()
        {
            if (_provider == DatabaseProvider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(_name + suffix);
                }
            }
            else
            {
                PostgresDatabases.Drop(_name!);
            }

            return ValueTask.CompletedTask;
        }
    }
}
