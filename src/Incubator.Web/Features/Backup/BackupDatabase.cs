using System.Data.Common;
using Incubator.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Incubator.Web.Features.Backup;

/// <summary>Connections of the backup's own to the site's database, and the model's word on each column's type.</summary>
internal static class BackupDatabase
{
    /// <summary>
    /// A connection of its own, outside EF and the SQLite write gate: a backup only reads, and a restore runs when no
    /// site does. Unpooled on SQLite, since a restore switches foreign keys off on it and a pooled connection would
    /// carry that into the site.
    /// </summary>
    public static DbConnection Open(IncubatorDbContext db, DatabaseProvider provider)
    {
        var connectionString = db.Database.GetConnectionString() ?? throw new BackupException("The site has no connection string.");
        return provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(connectionString);
    }

    /// <summary>
    /// The portable type of every column the EF model maps, by table and column. SQLite's catalogue says only INTEGER or
    /// TEXT; the model knows which of them are booleans, times, decimals or ids.
    /// </summary>
    public static Dictionary<(string Table, string Column), string> ModelTypes(IncubatorDbContext db)
    {
        var types = new Dictionary<(string, string), string>();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            foreach (var column in table.Columns)
            {
                if (PortableValues.FromClr(column.ProviderClrType) is { } type)
                {
                    types[(table.Name, column.Name)] = type;
                }
            }
        }

        return types;
    }
}
