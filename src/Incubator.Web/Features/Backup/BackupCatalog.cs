using System.Data.Common;
using Incubator.Web.Data;

namespace Incubator.Web.Features.Backup;

/// <summary>A column as the database's catalogue declares it; <see cref="Identity"/> when PostgreSQL numbers it.</summary>
internal sealed record CatalogColumn(string Name, string DataType, bool Identity);

/// <summary>A table with its columns and the tables its foreign keys point at.</summary>
internal sealed record CatalogTable(string Name, IReadOnlyList<CatalogColumn> Columns, IReadOnlyCollection<string> Parents);

/// <summary>
/// The tables of the site's database read from the database's own catalogue (sqlite_master's pragmas, PostgreSQL's
/// information_schema and pg_constraint), so a backup holds every table a migration made, Identity's and the key
/// ring's included, whether or not the EF model maps it.
/// </summary>
internal static class BackupCatalog
{
    public const string HistoryTable = "__incubator_migrations";

    /// <summary>
    /// The search's own tables: the indexing outbox (on PostgreSQL it counts in transaction ids, which mean nothing in
    /// another database) and the pruning watermark and rebuild request. The index itself is a cache under
    /// App_Data/search, outside the database, rebuilt by every instance after a restore.
    /// </summary>
    public static bool IsDerived(string table) => table is "SearchOutbox" or "SearchIndexState";

    /// <summary>
    /// The running instances' own rows: their heartbeats, their search indexes' checkpoints and the job leases, which
    /// say who runs a job now and how it last ended on this database; restored elsewhere they would describe instances
    /// that are not there.
    /// </summary>
    public static bool IsRuntime(string table) => table is "InstanceHeartbeats" or "JobLeases" or "SearchCheckpoints";

    /// <summary>The tables whose rows a backup copies: all but the derived and runtime ones and the migration history (the manifest holds the level).</summary>
    public static bool IsCopied(string table) => !IsDerived(table) && !IsRuntime(table) && table != HistoryTable;

    /// <summary>Every ordinary table (SQLite's virtual and shadow tables excepted), sorted by name.</summary>
    public static async Task<List<CatalogTable>> ReadAsync(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var tables = new List<CatalogTable>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // pragma_table_list types FTS5's shadow tables "shadow" and the FTS5 table itself "virtual".
            var names = await ListAsync(connection, transaction, """SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name""", cancellationToken);
            foreach (var name in names)
            {
                var columns = new List<CatalogColumn>();
                await using (var command = Command(connection, transaction, "SELECT name, type FROM pragma_table_info(@t) ORDER BY cid", ("t", name)))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        columns.Add(new CatalogColumn(reader.GetString(0), reader.GetString(1), false));
                    }
                }

                var parents = await ListAsync(connection, transaction, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@t)", cancellationToken, ("t", name));
                tables.Add(new CatalogTable(name, columns, parents));
            }

            return tables;
        }

        var all = new Dictionary<string, List<CatalogColumn>>(StringComparer.Ordinal);
        foreach (var name in await ListAsync(connection, transaction, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", cancellationToken))
        {
            all[name] = [];
        }

        await using (var command = Command(connection, transaction, """
            SELECT table_name, column_name, data_type, is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval(%'
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (all.TryGetValue(reader.GetString(0), out var columns))
                {
                    columns.Add(new CatalogColumn(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
                }
            }
        }

        var references = new List<(string Child, string Parent)>();
        await using (var command = Command(connection, transaction, """
            SELECT t.relname, p.relname FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'f' AND n.nspname = current_schema()
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                references.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return [.. all.Select(t => new CatalogTable(t.Key, t.Value, references.Where(r => r.Child == t.Key).Select(r => r.Parent).Distinct(StringComparer.Ordinal).ToList()))];
    }

    /// <summary>The tables in an order where each comes after the tables it refers to (a table referring to itself aside).</summary>
    public static List<CatalogTable> ParentsFirst(IEnumerable<CatalogTable> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<CatalogTable>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var table in byName.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered;

        void Visit(CatalogTable table)
        {
            if (state.TryGetValue(table.Name, out var done))
            {
                if (!done)
                {
                    throw new BackupException($"The foreign keys of table {table.Name} form a cycle; no insert order exists.");
                }

                return;
            }

            state[table.Name] = false;
            foreach (var parent in table.Parents.Where(p => p != table.Name && byName.ContainsKey(p)))
            {
                Visit(byName[parent]);
            }

            state[table.Name] = true;
            ordered.Add(table);
        }
    }

    /// <summary>A name quoted for SQL (both databases take double quotes).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var list = new List<string>();
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
