using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Search;

/// <summary>Settings under "Search".</summary>
internal sealed class SearchOptions
{
    /// <summary>How often the outbox is read; zero or less turns background indexing off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many outbox rows, or items of a rebuild, are read in one batch.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The folder of this instance's index, relative to the content root unless rooted.</summary>
    public string IndexPath { get; set; } = "App_Data/search";

    /// <summary>How long outbox rows are kept for the instances that read them; older rows are pruned.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>
/// Keeps this instance's index fresh: every poll it applies the outbox past the index's own checkpoint (a publish is
/// searchable well within a second on every instance), starts a full rebuild in the background when the index is
/// missing, corrupt, outdated, behind the pruned part of the outbox, or older than the last rebuild request, and
/// reports its state in its row of "SearchCheckpoints". The previous index answers and keeps taking the outbox's
/// changes while a rebuild runs. About once an hour one instance (the lease's holder) prunes old outbox rows.
/// </summary>
internal sealed class SearchIndexingService(
    IServiceScopeFactory scopes,
    LuceneSearchIndex index,
    SearchIndexStatus status,
    SiteInstance instance,
    TimeProvider clock,
    IOptions<SearchOptions> options,
    ILogger<SearchIndexingService> logger) : PeriodicBackgroundService(logger)
{
    /// <summary>The singleton job's name in "JobLeases".</summary>
    public const string PruneJob = "search-outbox-prune";

    /// <summary>How long a failed rebuild waits before it is tried again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>How often, across instances, the outbox is pruned.</summary>
    public static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    /// <summary>How often an instance writes its row even when nothing changed, so the back office sees it is alive.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(15);

    /// <summary>Rows of instances not heard from for this long are removed when the outbox is pruned.</summary>
    public static readonly TimeSpan ForgetInstanceAfter = TimeSpan.FromDays(1);

    private Task _rebuild = Task.CompletedTask;
    private DateTime? _handledRequest;
    private DateTime _retryAfter = DateTime.MinValue;
    private DateTime _nextPruneTry = DateTime.MinValue;
    private bool _rebuiltHere;
    private SearchCheckpoint? _reported;

    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>
    /// Applies the outbox until it is empty, after any poll already running; starts a due rebuild and waits for it,
    /// until none is due, then applies what came meanwhile. Returns how many rows were applied.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var applied = 0;
        while (true)
        {
            var rebuilding = await ExclusiveAsync(
                async token =>
                {
                    applied += await ApplyOutboxAsync(token);
                    await StartRebuildIfDueAsync(token);
                    return !_rebuild.IsCompleted;
                },
                cancellationToken);
            if (!rebuilding)
            {
                return applied;
            }

            await WhenRebuiltAsync();
        }
    }

    /// <summary>Waits for a running rebuild to end (its failure is in <see cref="SearchIndexStatus"/>, not thrown here).</summary>
    public async Task WhenRebuiltAsync()
    {
        try
        {
            await _rebuild;
        }
        catch (OperationCanceledException)
        {
            // The site is stopping: the rebuild is abandoned and the previous index stays.
        }
    }

    /// <summary>
    /// Prunes outbox rows older than the retention when this instance wins the lease (and, unless
    /// <paramref name="force"/>, no instance pruned within <see cref="PruneEvery"/>); returns how many rows went, or
    /// null when another instance has the job.
    /// </summary>
    public async Task<int?> PruneOutboxAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await JobLeases.TryClaimAsync(db, PruneJob, instance.Id, now, TimeSpan.FromMinutes(10), force ? null : now - PruneEvery, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var result = "failed";
        try
        {
            var cutoff = now - options.Value.OutboxRetention;
            var settled = await SearchOutboxReader.SettledTxIdAsync(db, cancellationToken);
            var forgotten = now - ForgetInstanceAfter;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var old = db.SearchOutbox.Where(o => o.CreatedUtc < cutoff && o.TxId < settled);
            var last = await old.OrderByDescending(o => o.TxId).ThenByDescending(o => o.Id).Select(o => new { o.TxId, o.Id }).FirstOrDefaultAsync(cancellationToken);
            var pruned = 0;
            if (last is not null)
            {
                // The watermark first, in the same transaction: an index behind it may have missed a deleted row.
                await SearchIndexStateStore.RaiseWatermarkAsync(db, new IndexCheckpoint(last.TxId, last.Id), cancellationToken);
                pruned = await old.ExecuteDeleteAsync(cancellationToken);
            }

            await db.Set<SearchCheckpoint>().Where(c => c.UpdatedUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = $"{pruned} rows pruned";
            return pruned;
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, claim, clock.GetUtcNow().UtcDateTime, result, CancellationToken.None);
        }
    }

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await ApplyOutboxAsync(cancellationToken);
        await StartRebuildIfDueAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= _nextPruneTry)
        {
            _nextPruneTry = now + TimeSpan.FromMinutes(5);
            await PruneOutboxAsync(cancellationToken: cancellationToken);
        }

        await ReportAsync(cancellationToken);
    }

    protected override Task StoppedAsync() => WhenRebuiltAsync();

    private async Task<int> ApplyOutboxAsync(CancellationToken cancellationToken)
    {
        if (index.WriterFailed)
        {
            return 0; // nothing can be applied to this generation; the rebuild below takes every change
        }

        var total = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            int applied;
            try
            {
                applied = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ApplyOutboxAsync(options.Value.BatchSize, cancellationToken);
            }
            catch (SearchIndexWriterFailedException ex)
            {
                // The rows stay in the outbox, past the checkpoint: the rebuild that starts next reads them all.
                logger.LogError(ex, "The search index can take no more changes; it is rebuilt from the database.");
                return total;
            }

            total += applied;
            if (applied < options.Value.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Why the index must be rebuilt now, or null when it need not be.</summary>
    private string? RebuildReason(SearchIndexState state)
    {
        if (index.WriterFailed)
        {
            return "the index's writer closed after a failure";
        }

        // A condition is what the index was when opened; once rebuilt here, it is the new generation's.
        if (!_rebuiltHere && index.Condition != SearchIndexCondition.Ready)
        {
            return $"the index is {index.Condition}";
        }

        if (SearchOutboxReader.IsAfter(state.Pruned, index.Checkpoint))
        {
            return "the index is behind the pruned part of the outbox";
        }

        if (state.RebuildRequestedUtc is { } requested && requested != _handledRequest && (index.BuiltUtc is not { } built || built < requested))
        {
            return "a rebuild was requested";
        }

        return null;
    }

    private async Task StartRebuildIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!_rebuild.IsCompleted || now < _retryAfter)
        {
            return;
        }

        IndexCheckpoint position;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var state = await SearchIndexStateStore.ReadAsync(db, cancellationToken);
            if (RebuildReason(state) is not { } reason)
            {
                return;
            }

            // The position is read before any item: every change after it is applied again once the build is in place.
            position = await SearchOutboxReader.RebuildPositionAsync(db, cancellationToken);
            _handledRequest = state.RebuildRequestedUtc;
            logger.LogInformation("Rebuilding the search index under {Folder}: {Reason}.", options.Value.IndexPath, reason);
        }

        status.Set(new SearchRebuildState(SearchRebuildState.Running, 0, 0, now, null, null));
        _rebuild = Task.Run(() => RebuildAsync(position, now, cancellationToken), cancellationToken);
    }

    private async Task RebuildAsync(IndexCheckpoint position, DateTime startedUtc, CancellationToken cancellationToken)
    {
        try
        {
            using (var build = index.BeginRebuild(startedUtc))
            {
                using (var scope = scopes.CreateScope())
                {
                    await scope.ServiceProvider.GetRequiredService<SearchIndexer>().FillAsync(
                        build,
                        options.Value.BatchSize,
                        (done, total) => status.Set(status.Rebuild with { Indexed = done, Total = total }),
                        cancellationToken);
                }

                // No outbox batch runs while the new generation takes over, so none is applied to the old one past
                // the position the new one starts from; what came after that position is applied at once.
                await ExclusiveAsync(
                    async token =>
                    {
                        build.Complete(position);
                        _rebuiltHere = true;
                        return await ApplyOutboxAsync(token);
                    },
                    cancellationToken);
            }

            status.Set(status.Rebuild with { Status = SearchRebuildState.Done, FinishedUtc = clock.GetUtcNow().UtcDateTime });
            logger.LogInformation("Search index rebuilt: {Documents} documents.", index.DocumentCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            var now = clock.GetUtcNow().UtcDateTime;
            status.Set(status.Rebuild with { Status = SearchRebuildState.Failed, FinishedUtc = now, Error = message });
            _retryAfter = now + RetryAfterFailure;
            _handledRequest = null;
            logger.LogError(ex, "Search index rebuild failed; it is tried again after {Delay}.", RetryAfterFailure);
        }
        catch (OperationCanceledException)
        {
            status.Set(status.Rebuild with { Status = SearchRebuildState.Idle });
            throw;
        }
    }

    /// <summary>Writes this instance's row when something changed, and every <see cref="ReportEvery"/> regardless.</summary>
    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rebuild = status.Rebuild;
        var checkpoint = index.Checkpoint;
        var row = new SearchCheckpoint
        {
            InstanceId = instance.Id,
            Machine = instance.Machine,
            CheckpointTxId = checkpoint.TxId,
            CheckpointId = checkpoint.Id,
            Condition = (_rebuiltHere ? SearchIndexCondition.Ready : index.Condition).ToString(),
            RebuildStatus = rebuild.Status,
            RebuildDone = rebuild.Indexed,
            RebuildTotal = rebuild.Total,
            RebuildStartedUtc = rebuild.StartedUtc,
            RebuildFinishedUtc = rebuild.FinishedUtc,
            RebuildError = rebuild.Error,
            BuiltUtc = index.BuiltUtc,
            Documents = index.DocumentCount,
            UpdatedUtc = now,
        };
        if (_reported is { } last && now - last.UpdatedUtc < ReportEvery && Same(last, row))
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var stored = await db.Set<SearchCheckpoint>().FirstOrDefaultAsync(c => c.InstanceId == row.InstanceId, cancellationToken);
        if (stored is null)
        {
            db.Add(row);
        }
        else
        {
            db.Entry(stored).CurrentValues.SetValues(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        _reported = row;
    }

    private static bool Same(SearchCheckpoint a, SearchCheckpoint b) =>
        (a.CheckpointTxId, a.CheckpointId, a.Condition, a.RebuildStatus, a.RebuildDone, a.RebuildTotal, a.RebuildError, a.BuiltUtc, a.Documents)
        == (b.CheckpointTxId, b.CheckpointId, b.Condition, b.RebuildStatus, b.RebuildDone, b.RebuildTotal, b.RebuildError, b.BuiltUtc, b.Documents);
}
