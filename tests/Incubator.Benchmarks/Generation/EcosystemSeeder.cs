using System.Diagnostics;
using System.Globalization;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Incubator.Benchmarks.Generation;

/// <summary>How long filling the site and rebuilding its index took.</summary>
internal sealed record SeedTimings(int Items, TimeSpan Insert, TimeSpan Rebuild, int Documents, bool Reused)
{
    public double RebuildRate => Documents / Rebuild.TotalSeconds;
}

/// <summary>
/// Fills a freshly set-up site with a generated ecosystem: batched inserts with change detection off, then the
/// outbox rows those inserts wrote are dropped and the whole index is rebuilt by the site's indexing service,
/// timed, exactly as a site's "rebuild the index" does it.
/// </summary>
internal static class EcosystemSeeder
{
    private const string MarkerKey = "bench:generated";
    private const int InsertBatch = 2000;

    public static async Task<SeedTimings> SeedAsync(IServiceProvider services, int items, int seed, TextWriter log)
    {
        var marker = string.Create(CultureInfo.InvariantCulture, $"{items}/{seed}");
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var existing = await db.SiteSettings.AsNoTracking().Where(s => s.Key == MarkerKey).Select(s => s.Value).SingleOrDefaultAsync();
            if (existing == marker)
            {
                var documents = scope.ServiceProvider.GetRequiredService<LuceneSearchIndex>().DocumentCount;
                log.WriteLine($"  reusing the generated data ({documents} documents)");
                return new SeedTimings(items, TimeSpan.Zero, TimeSpan.Zero, documents, Reused: true);
            }
        }

        var generator = new EcosystemGenerator(seed, await TaxonomyAsync(services));
        var insert = Stopwatch.StartNew();
        foreach (var (type, count) in EcosystemGenerator.Counts(items))
        {
            for (var start = 0; start < count; start += InsertBatch)
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var batch = Enumerable.Range(start, Math.Min(InsertBatch, count - start)).Select(i => generator.Create(type, i)).ToList();
                db.AddRange(batch);
                await db.SaveChangesAsync();
            }

            log.WriteLine($"  inserted {count} {type} items ({insert.Elapsed.TotalSeconds:F1} s)");
        }

        using (var scope = services.CreateScope())
        {
            // The inserts queued an outbox row each; the rebuild below indexes everything anyway.
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            await db.SearchOutbox.ExecuteDeleteAsync();
        }

        insert.Stop();
        var rebuild = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
        {
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await SearchIndexStateStore.RequestRebuildAsync(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>(), clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<SearchIndexingService>().DrainAsync();
        }

        rebuild.Stop();
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var state = scope.ServiceProvider.GetRequiredService<SearchIndexStatus>().Rebuild;
            if (state.Status != SearchRebuildState.Done)
            {
                throw new InvalidOperationException($"The rebuild ended as {state.Status}: {state.Error}");
            }

            if (db is PostgresIncubatorDbContext)
            {
                // What autovacuum does within a minute of a bulk load; a site at rest has statistics and a visibility map.
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            db.SiteSettings.Add(new SiteSetting { Key = MarkerKey, Value = marker });
            await db.SaveChangesAsync();
            await db.SearchOutbox.ExecuteDeleteAsync();
            var documents = scope.ServiceProvider.GetRequiredService<LuceneSearchIndex>().DocumentCount;
            log.WriteLine($"  rebuilt the index: {documents} documents in {rebuild.Elapsed.TotalSeconds:F1} s");
            return new SeedTimings(items, insert.Elapsed, rebuild.Elapsed, documents, Reused: false);
        }
    }

    private static async Task<Taxonomy> TaxonomyAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var terms = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Order).ThenBy(t => t.Code).ToListAsync();
        var sectors = terms.Where(t => t.Taxonomy == TaxonomyTerm.Sectors).Select(t => t.Code).ToArray();
        var localities = terms.Where(t => t.Taxonomy == TaxonomyTerm.Localities).Select(t => (t.Code, t.NameVi)).ToArray();
        var stages = terms.Where(t => t.Taxonomy == TaxonomyTerm.Stages).Select(t => t.Code).ToArray();
        if (sectors.Length == 0 || localities.Length == 0 || stages.Length == 0)
        {
            throw new InvalidOperationException("The site has no sectors, localities or stages: did the default recipe run?");
        }

        return new Taxonomy(sectors, localities, stages);
    }
}
