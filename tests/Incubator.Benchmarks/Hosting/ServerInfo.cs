using System.Runtime.InteropServices;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Hosting;

/// <summary>What the figures ran on: the machine, the runtime and the database server.</summary>
internal static class ServerInfo
{
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:F0} GiB, "
            + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    public static async Task<string> DatabaseVersionAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var sql = db is PostgresIncubatorDbContext ? "SELECT 'PostgreSQL ' || current_setting('server_version') AS \"Value\"" : "SELECT 'SQLite ' || sqlite_version() AS \"Value\"";
        // "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)": the packaging is not needed beside each figure.
        var version = (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Single();
        return version.Split(" (", 2)[0];
    }
}
