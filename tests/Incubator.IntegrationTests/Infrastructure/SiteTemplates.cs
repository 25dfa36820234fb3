using System.Diagnostics;
using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// A set-up site per provider, made once per test run: migrated, the default recipe run, the first administrator
/// made and the search index built. A new <see cref="SiteFactory"/> starts from a copy of it (the SQLite file, or a
/// PostgreSQL database created from it as a template, and its media, attachments and index folders) rather than
/// running every migration and the recipe again, which was most of a test class's time. The copy is the database a
/// first start leaves, less its running instance's own rows (heartbeats, job leases, index checkpoints: the same
/// tables a backup leaves out), so each site is still a fresh site to the tests. A test of the first start itself
/// asks for a fresh site.
/// </summary>
internal static class SiteTemplates
{
    /// <summary>The folders a site's start writes to that a copy takes along (the mail folder is each site's own).</summary>
    private static readonly string[] CopiedFolders = ["media", "attachments", "search"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<DatabaseProvider, Template> Made = [];

    internal sealed record Template(string Folder, string? PostgresDatabase);

    /// <summary>Puts a copy of the provider's template into <paramref name="folder"/> and, on PostgreSQL, creates <paramref name="postgresDatabase"/> from it.</summary>
    public static void CopyInto(DatabaseProvider provider, string folder, string? postgresDatabase)
    {
        var template = For(provider);
        foreach (var name in CopiedFolders)
        {
            CopyFolder(Path.Combine(template.Folder, name), Path.Combine(folder, name));
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            File.Copy(Path.Combine(template.Folder, "site.db"), Path.Combine(folder, "site.db"));
        }
        else
        {
            CreateFrom(postgresDatabase!, template.PostgresDatabase!);
        }
    }

    private static Template For(DatabaseProvider provider)
    {
        lock (Gate)
        {
            if (!Made.TryGetValue(provider, out var template))
            {
                template = Make(provider);
                Made[provider] = template;
            }

            return template;
        }
    }

    private static Template Make(DatabaseProvider provider)
    {
        string folder;
        string? database;
        using (var site = SiteFactory.Template(provider))
        {
            _ = site.Server; // migrations, the recipe and the first administrator
            WaitForIndexAsync(site).GetAwaiter().GetResult();
            folder = site.Folder;
            database = site.PostgresDatabase;
        }

        // The stopped instance's own rows would describe an instance that is not there (and a lease it held would
        // hold up the copies' jobs).
        const string runtime = """DELETE FROM "InstanceHeartbeats"; DELETE FROM "JobLeases"; DELETE FROM "SearchCheckpoints";""";
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "site.db"), Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = runtime + " PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        else
        {
            using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = database, Pooling = false }.ToString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = runtime;
                command.ExecuteNonQuery();
            }

            // A template must have no session on it while it is copied: the pools let theirs go, and no one (not
            // even autovacuum) may connect to it again.
            NpgsqlConnection.ClearAllPools();
            PostgresDatabases.Execute($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    PostgresDatabases.Drop(database!);
                }
                catch (Exception)
                {
                    // The run is over; a template left behind is dropped by hand or with the machine.
                }
            };
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // As above.
            }
        };
        return new Template(folder, database);
    }

    private static async Task WaitForIndexAsync(SiteFactory site)
    {
        var index = site.Services.GetRequiredService<LuceneSearchIndex>();
        var clock = Stopwatch.StartNew();
        while (index.Condition != SearchIndexCondition.Ready)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the template's index was not built");
            await Task.Delay(20);
        }

        await SearchReader.DrainAsync(site);
    }

    /// <summary>CREATE DATABASE … TEMPLATE, retried while a session that has not quite gone still holds the template.</summary>
    private static void CreateFrom(string name, string template)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                PostgresDatabases.Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!System.IO.Directory.Exists(from))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (name != "write.lock")
            {
                File.Copy(file, Path.Combine(to, name));
            }
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(from))
        {
            CopyFolder(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
