using System.Diagnostics;
using System.Globalization;
using Asana.Client;
using Asana.Sync.DependencyInjection;
using Asana.Sync.Internal;
using Asana.Sync.Internal.Planning;
using Asana.Sync.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asana.Sync;

/// <summary>
/// Syncs an Asana workspace into an <see cref="IPermissionStore"/>. A full sync reads the permission-bearing data, every
/// project's sections and tasks, subtasks (only of tasks with <c>num_subtasks &gt; 0</c>, to any depth), each active
/// user's assigned tasks (for project-less tasks) and, where the plan has it, the workspace task search (for project-less
/// tasks no assignee listing returns), many requests in flight. An incremental sync re-reads the permission-bearing data,
/// applies each project's events since the stored sync token and asks search for tasks modified since the last sync.
/// Every sync is committed to the store in one unit of work: a failed or cancelled sync changes nothing.
/// </summary>
/// <remarks>
/// Without premium search (Asana answers 402), project-less tasks that are only followed (not assigned to an active user)
/// cannot be found by a normal token: Asana offers no other listing of them. They enter the store only when they were seen
/// before (e.g. removed from their last project). Search results are eventually consistent (10 to 60 s index lag): they
/// add and refresh tasks but never delete one; deletions are found by events and by re-reading stored tasks.
/// </remarks>
public sealed class AsanaSyncEngine
{
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(250);

    private readonly IAsanaClient _client;
    private readonly IPermissionStore _store;
    private readonly AsanaSyncOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SyncCommitter _committer;

    /// <summary>Creates the engine.</summary>
    /// <param name="client">The Asana client (its own limiter and retries apply).</param>
    /// <param name="store">Where results go.</param>
    /// <param name="options">Options (default: <see cref="AsanaSyncOptions"/> defaults).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock (lookback window, timestamps).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// An option is out of range; the message names each one (the same checks as <c>AddAsanaSync</c>).
    /// </exception>
    public AsanaSyncEngine(IAsanaClient client, IPermissionStore store, AsanaSyncOptions? options = null, ILogger<AsanaSyncEngine>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        _client = client;
        _store = store;
        _options = options ?? new AsanaSyncOptions();
        AsanaSyncOptionsValidator.ThrowIfInvalid(_options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _committer = new SyncCommitter(_store, _options, _timeProvider);
    }

    /// <summary>Syncs one workspace and commits the result to the store.</summary>
    /// <param name="workspaceGid">The workspace gid.</param>
    /// <param name="mode">Full, incremental, or automatic (incremental when possible).</param>
    /// <param name="progress">Progress reports.</param>
    /// <param name="cancellationToken">Cancels the sync; nothing is committed then.</param>
    /// <exception cref="AsanaSyncException">
    /// Asana rejected the token or the workspace, or a workspace-level read failed; or another sync holds the
    /// workspace's lease past <see cref="AsanaSyncOptions.SyncLeaseWait"/>, the workspace was purged while this sync
    /// ran, or other syncs kept committing it first (see <see cref="AsanaSyncOptions.CommitConflictRetries"/>), and the
    /// inner <see cref="PermissionStoreException"/> says which. Nothing was committed.
    /// </exception>
    public async Task<SyncResult> SyncAsync(string workspaceGid, SyncMode mode = SyncMode.Auto, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        if (mode is not (SyncMode.Auto or SyncMode.Full or SyncMode.Incremental))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "A sync runs Auto, Full or Incremental; a targeted refresh is RefreshAsync.");
        }

        return await UnderLeaseAsync(workspaceGid, ct => SyncOnceAsync(workspaceGid, mode, progress, ct), cancellationToken);
    }

    /// <summary>
    /// Reads again only what <paramref name="scope"/> names (typically what webhook events touched: one project's members,
    /// one team's members, one task and its subtasks) on top of the stored state, and commits the result like a sync:
    /// every ticket's permissions are recomputed, only changed rows are written, and a failure changes nothing. The
    /// periodic sync stays the backstop (webhook delivery is at most once); a refresh leaves its schedule and event tokens
    /// as they were.
    /// </summary>
    /// <param name="workspaceGid">The workspace gid.</param>
    /// <param name="scope">What to read again.</param>
    /// <param name="cancellationToken">Cancels the refresh; nothing is committed then.</param>
    /// <returns>What the refresh did; its <see cref="SyncResult.Mode"/> is <see cref="SyncMode.Refresh"/>.</returns>
    /// <exception cref="AsanaSyncException">
    /// The workspace was never synced (run a sync first), or for the same reasons as <see cref="SyncAsync"/>.
    /// </exception>
    public async Task<SyncResult> RefreshAsync(string workspaceGid, RefreshScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(scope);
        return await UnderLeaseAsync(workspaceGid, ct => RefreshOnceAsync(workspaceGid, scope, ct), cancellationToken);
    }

    private async Task<SyncResult> UnderLeaseAsync(string workspaceGid, Func<CancellationToken, Task<SyncResult>> once, CancellationToken cancellationToken)
    {
        var lease = await AcquireLeaseAsync(workspaceGid, cancellationToken);
        try
        {
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = RenewLeaseAsync(lease, renewal.Token);
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await once(cancellationToken);
                    }
                    catch (AsanaSyncException ex) when (ex.InnerException is PermissionStoreException { Error: PermissionStoreError.Conflict } && attempt < _options.CommitConflictRetries)
                    {
                        // Another writer got in (its lease outlived ours, or it ignores leases): start again from its state.
                        Log.CommitConflictRetry(_logger, workspaceGid, attempt + 1);
                    }
                }
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
            }
        }
        finally
        {
            try
            {
                await _store.ReleaseSyncLeaseAsync(lease, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The lease lapses by itself; a failed release only delays the next sync until then.
                Log.LeaseReleaseFailed(_logger, ex, workspaceGid);
            }
        }
    }

    private async Task<SyncLease> AcquireLeaseAsync(string workspaceGid, CancellationToken cancellationToken)
    {
        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName} process {Environment.ProcessId} ({Guid.NewGuid().ToString("N")[..8]})");
        var deadline = _timeProvider.GetUtcNow() + _options.SyncLeaseWait;
        while (true)
        {
            try
            {
                return await _store.TryAcquireSyncLeaseAsync(workspaceGid, owner, _options.SyncLeaseDuration, cancellationToken);
            }
            catch (PermissionStoreException ex) when (ex.Error == PermissionStoreError.LeaseHeld)
            {
                var remaining = deadline - _timeProvider.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    throw new AsanaSyncException($"{ex.Message} This sync did not start; nothing was changed.", ex);
                }

                await Task.Delay(remaining < LeasePollInterval ? remaining : LeasePollInterval, _timeProvider, cancellationToken);
            }
        }
    }

    private async Task RenewLeaseAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        var interval = _options.SyncLeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
                try
                {
                    if (await _store.RenewSyncLeaseAsync(lease, _options.SyncLeaseDuration, cancellationToken) is null)
                    {
                        // Lost (this process stalled past the expiry and another sync took it): the commit's generation
                        // check still refuses a stale write, so keep going.
                        Log.LeaseLost(_logger, lease.WorkspaceGid);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.LeaseRenewalFailed(_logger, ex, lease.WorkspaceGid);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The sync ended.
        }
    }

    private async Task<SyncResult> SyncOnceAsync(string workspaceGid, SyncMode mode, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetUtcNow();
        var stopwatch = _timeProvider.GetTimestamp();
        using var activity = SyncTelemetry.ActivitySource.StartActivity("asana.sync");
        activity?.SetTag("asana.workspace_gid", workspaceGid);

        StoredWorkspace? previous = null;
        long generation;
        if (mode == SyncMode.Full)
        {
            generation = await _store.GetGenerationAsync(workspaceGid, cancellationToken);
        }
        else
        {
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.load"))
            {
                previous = await _store.LoadAsync(workspaceGid, cancellationToken);
            }

            generation = previous?.Generation ?? await _store.GetGenerationAsync(workspaceGid, cancellationToken);
            if (previous is null || previous.State.LastSyncAt is null || previous.State.LookbackDays != _options.LookbackDays)
            {
                if (mode == SyncMode.Incremental)
                {
                    Log.FallbackToFull(_logger, workspaceGid);
                }

                previous = null;
            }
            else if (mode == SyncMode.Auto && FullSyncDue(previous.State, startedAt))
            {
                Log.PeriodicFullSync(_logger, workspaceGid, _options.FullSyncInterval!.Value.TotalHours);
                previous = null;
            }
        }

        var actual = previous is null ? SyncMode.Full : SyncMode.Incremental;
        activity?.SetTag("asana.sync.mode", actual.ToString());
        Log.SyncStarted(_logger, workspaceGid, actual);
        DateTimeOffset? modifiedSince = _options.LookbackDays is { } days ? startedAt.AddDays(-days) : null;
        var planner = previous is null ? null : IncrementalPlanner.For(previous);
        var run = new SyncRun(_client, workspaceGid, _options, modifiedSince, planner?.Stored, _logger, r =>
        {
            var n = r.Calls.Total;
            if (progress is not null && n % 25 == 0)
            {
                progress.Report(new SyncProgress("requests", n, r.TasksSeen, $"{n} requests, {r.TasksSeen} tasks read"));
            }
        });

        try
        {
            progress?.Report(new SyncProgress("permissions", 0, 0, "Reading users, teams, projects and memberships"));
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.permissions"))
            {
                await run.ReadPermissionDataAsync(cancellationToken);
            }

            int recrawled;
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.tasks"))
            {
                progress?.Report(new SyncProgress("tasks", run.Calls.Total, run.TasksSeen, "Reading tasks"));
                var crawl = new TaskCrawl(run, _options, _timeProvider, _logger);
                if (planner is null)
                {
                    await crawl.FullAsync(cancellationToken);
                    recrawled = 0;
                }
                else
                {
                    recrawled = await crawl.IncrementalAsync(planner, previous!, cancellationToken);
                }
            }

            CompletionWarnings.Add(run, previous?.State.TaskSearchAvailable);
            progress?.Report(new SyncProgress("store", run.Calls.Total, run.TasksSeen, "Writing to the store"));
            SyncResult result;
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.store"))
            {
                result = await _committer.CommitAsync(run, previous, generation, startedAt, stopwatch, recrawled, cancellationToken);
            }

            SyncTelemetry.Syncs.Add(1, new KeyValuePair<string, object?>("mode", actual.ToString()), new KeyValuePair<string, object?>("outcome", "committed"));
            SyncTelemetry.Duration.Record(result.Duration.TotalSeconds, new KeyValuePair<string, object?>("mode", actual.ToString()));
            Log.SyncCompleted(_logger, workspaceGid, actual, (long)result.Duration.TotalMilliseconds, result.Calls.Total, result.Calls.Pages, result.Calls.Retries, result.Calls.Failed,
                FormatKinds(result.Calls.ByKind), result.Floor is { } f ? $"{f.Section3} (§3) / {f.WithContractTerms} (with contract terms)" : "n/a",
                result.Tickets, result.TicketsWritten, result.TicketsDeleted, result.Warnings.Count);
            progress?.Report(new SyncProgress("done", result.Calls.Total, run.TasksSeen, $"Committed: {result.Tickets} tickets, {result.Calls.Total} requests"));
            return result;
        }
        catch (Exception ex)
        {
            SyncTelemetry.Syncs.Add(1, new KeyValuePair<string, object?>("mode", actual.ToString()), new KeyValuePair<string, object?>("outcome", ex is OperationCanceledException ? "cancelled" : "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.SyncFailed(_logger, ex, workspaceGid, run.Calls.Total, FormatKinds(run.Calls.Snapshot().ByKind));
            if (ex is AsanaApiException api)
            {
                throw new AsanaSyncException($"Sync of workspace {workspaceGid} stopped: {api.Message}. Nothing was changed in the store.", api) { StatusCode = api.StatusCode };
            }

            if (ex is PermissionStoreException store)
            {
                throw new AsanaSyncException(store.Message, store);
            }

            throw;
        }
    }

    private async Task<SyncResult> RefreshOnceAsync(string workspaceGid, RefreshScope scope, CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetUtcNow();
        var stopwatch = _timeProvider.GetTimestamp();
        using var activity = SyncTelemetry.ActivitySource.StartActivity("asana.refresh");
        activity?.SetTag("asana.workspace_gid", workspaceGid);
        StoredWorkspace? previous;
        using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.load"))
        {
            previous = await _store.LoadAsync(workspaceGid, cancellationToken);
        }

        if (previous?.State.LastSyncAt is null)
        {
            throw new AsanaSyncException($"Workspace {workspaceGid} has no committed sync to refresh: run a sync first. Nothing was changed in the store.");
        }

        Log.RefreshStarted(_logger, workspaceGid, scope.Users, scope.ProjectList, scope.Portfolios, scope.Teams.Count, scope.ProjectMemberships.Count, scope.ProjectSections.Count, scope.Tasks.Count);
        DateTimeOffset? modifiedSince = previous.State.LookbackDays is { } days ? startedAt.AddDays(-days) : null;
        var planner = IncrementalPlanner.For(previous);
        var run = new SyncRun(_client, workspaceGid, _options, modifiedSince, planner.Stored, _logger, _ => { });
        run.Seed(previous.Data, previous.State.ProjectSyncTokens);
        try
        {
            var (newProjects, goneProjects) = await new TargetedRefresh(run, _options).ReadPermissionDataAsync(scope, cancellationToken);
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.tasks"))
            {
                await new TaskCrawl(run, _options, _timeProvider, _logger).RefreshAsync(planner, newProjects, goneProjects, scope.Tasks, cancellationToken);
            }

            SyncResult result;
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.store"))
            {
                result = await _committer.CommitAsync(run, previous, previous.Generation, startedAt, stopwatch, newProjects.Count, cancellationToken, refresh: true);
            }

            SyncTelemetry.Syncs.Add(1, new KeyValuePair<string, object?>("mode", nameof(SyncMode.Refresh)), new KeyValuePair<string, object?>("outcome", "committed"));
            Log.RefreshCompleted(_logger, workspaceGid, (long)result.Duration.TotalMilliseconds, result.Calls.Total, result.TicketsWritten, result.TicketsDeleted);
            return result;
        }
        catch (Exception ex)
        {
            SyncTelemetry.Syncs.Add(1, new KeyValuePair<string, object?>("mode", nameof(SyncMode.Refresh)), new KeyValuePair<string, object?>("outcome", ex is OperationCanceledException ? "cancelled" : "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.SyncFailed(_logger, ex, workspaceGid, run.Calls.Total, FormatKinds(run.Calls.Snapshot().ByKind));
            if (ex is AsanaApiException api)
            {
                throw new AsanaSyncException($"Refresh of workspace {workspaceGid} stopped: {api.Message}. Nothing was changed in the store.", api) { StatusCode = api.StatusCode };
            }

            if (ex is PermissionStoreException store)
            {
                throw new AsanaSyncException(store.Message, store);
            }

            throw;
        }
    }

    private bool FullSyncDue(SyncState state, DateTimeOffset now) =>
        _options.FullSyncInterval is { } interval && (state.LastFullSyncAt is not { } lastFull || now - lastFull >= interval);

    private static string FormatKinds(IReadOnlyDictionary<string, int> byKind) =>
        string.Join(", ", byKind.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
