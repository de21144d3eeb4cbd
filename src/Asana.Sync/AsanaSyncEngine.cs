using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Asana.Client;
using Asana.Client.Models;
using Asana.Permissions;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Internal;
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

    /// <summary>Creates the engine.</summary>
    /// <param name="client">The Asana client (its own limiter and retries apply).</param>
    /// <param name="store">Where results go.</param>
    /// <param name="options">Options (default: <see cref="AsanaSyncOptions"/> defaults).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock (lookback window, timestamps).</param>
    public AsanaSyncEngine(IAsanaClient client, IPermissionStore store, AsanaSyncOptions? options = null, ILogger<AsanaSyncEngine>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        _client = client;
        _store = store;
        _options = options ?? new AsanaSyncOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxParallelism);
        // The lease is renewed every third of its duration: under a second, renewals would flood the store.
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.SyncLeaseDuration, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.SyncLeaseWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.CommitConflictRetries);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
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
                        return await SyncOnceAsync(workspaceGid, mode, progress, cancellationToken);
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
        var run = new SyncRun(_client, workspaceGid, _options, modifiedSince, _logger, r =>
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
                recrawled = previous is null
                    ? await FullTasksAsync(run, cancellationToken)
                    : await IncrementalTasksAsync(run, previous, cancellationToken);
            }

            CompletionWarnings.Add(run, previous?.State.TaskSearchAvailable);
            progress?.Report(new SyncProgress("store", run.Calls.Total, run.TasksSeen, "Writing to the store"));
            SyncResult result;
            using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.store"))
            {
                result = await CommitAsync(run, previous, generation, startedAt, stopwatch, recrawled, cancellationToken);
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

    private async Task<int> FullTasksAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var queue = new WorkQueue();
        foreach (var project in run.Projects)
        {
            run.EnqueueProjectCrawl(queue, project.Gid, needsToken: true);
        }

        run.EnqueueAssigneeListings(queue);
        if (SearchWanted)
        {
            // A full sync always asks (again): the plan may have changed since search last answered 402.
            queue.Enqueue(ct => run.SearchTasksAsync(queue, run.ModifiedSince, listed: null, previous: null, ct));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);
        return 0;
    }

    private async Task<int> IncrementalTasksAsync(SyncRun run, StoredWorkspace previous, CancellationToken cancellationToken)
    {
        var old = new Dictionary<string, TaskState>(StringComparer.Ordinal);
        foreach (var task in previous.Data.Tasks)
        {
            old[task.Gid] = new TaskState(task, previous.SubtaskCounts.GetValueOrDefault(task.Gid));
        }

        foreach (var (gid, state) in old)
        {
            run.Tasks[gid] = state;
        }

        var oldProjects = previous.Data.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var currentProjects = run.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var tokens = previous.State.ProjectSyncTokens;

        // 1. Events of every known project, in parallel.
        var events = new ConcurrentDictionary<string, List<AsanaEvent>>(StringComparer.Ordinal);
        var recrawl = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var queue = new WorkQueue();
        foreach (var project in run.Projects)
        {
            var gid = project.Gid;
            if (!oldProjects.Contains(gid))
            {
                recrawl[gid] = "new project";
                continue;
            }

            if (!tokens.TryGetValue(gid, out var token))
            {
                recrawl[gid] = "no event sync token";
                continue;
            }

            queue.Enqueue(async ct =>
            {
                try
                {
                    var list = await run.ReadEventsAsync(gid, token, ct);
                    if (list is null)
                    {
                        recrawl[gid] = "event sync token expired (412)";
                    }
                    else
                    {
                        events[gid] = list;
                    }
                }
                catch (AsanaApiException ex) when (SyncRun.IsScopedDenial(ex))
                {
                    recrawl[gid] = "event stream unreadable";
                }
            });
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        // 2. What the events say: last action per task wins.
        var lastAction = new Dictionary<string, string>(StringComparer.Ordinal);
        var sectionReloads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (projectGid, list) in events)
        {
            foreach (var ev in list.OrderBy(e => e.CreatedAt ?? DateTimeOffset.MinValue))
            {
                var type = ev.Resource?.ResourceType;
                if (ev.Resource?.Gid is not { Length: > 0 } gid)
                {
                    continue;
                }

                if (type == "task")
                {
                    lastAction[gid] = ev.Action ?? "changed";
                }
                else if (type == "section")
                {
                    sectionReloads.Add(projectGid);
                }
            }
        }

        // Re-reads: value Reported (an event named the task: kept whatever its modified_at, which moves neither when a
        // task joins nor leaves a project) or Unlisted (no listing returned it any more: it may have aged out of the
        // lookback window). "deleted" collects what leaves the store: deleted in Asana, unreadable, or aged out.
        var refetch = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var deleted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var childrenOf = old.Values.Where(t => t.Record.ParentGid is not null)
            .ToLookup(t => t.Record.ParentGid!, t => t.Record.Gid, StringComparer.Ordinal);
        run.StoredChildren = childrenOf;
        run.OnStoredChildMissing = gid => refetch.TryAdd(gid, Unlisted); // re-read in step 5
        foreach (var (gid, action) in lastAction)
        {
            if (action == "deleted")
            {
                deleted.TryAdd(gid, 0);
            }
            else
            {
                refetch[gid] = Reported;
            }
        }

        // 3. Projects that disappeared: their tasks lose that placement; a task left with nothing is re-read.
        foreach (var gone in oldProjects.Where(p => !currentProjects.Contains(p)))
        {
            StripProject(run, gone, refetch);
        }

        // 4. Re-crawl new projects and those whose token expired; copy sections of the others.
        var listedByProject = new ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>(StringComparer.Ordinal);
        queue = new WorkQueue();
        foreach (var (gid, reason) in recrawl)
        {
            Log.ProjectRecrawl(_logger, gid, reason);
            var listed = listedByProject.GetOrAdd(gid, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
            run.EnqueueProjectCrawl(queue, gid, needsToken: !run.ProjectTokens.ContainsKey(gid), listed);
        }

        var storedSections = previous.Data.Sections.ToLookup(s => s.ProjectGid, StringComparer.Ordinal);
        foreach (var project in run.Projects.Where(p => !recrawl.ContainsKey(p.Gid)))
        {
            if (sectionReloads.Contains(project.Gid))
            {
                queue.Enqueue(ct => run.ReadSectionsAsync(project.Gid, ct));
            }
            else
            {
                run.Sections[project.Gid] = storedSections[project.Gid].ToList();
            }
        }

        // Project-less tasks: every active user's assigned tasks (the listing carries current records), when due.
        var assigned = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var scan = _options.IncludeProjectlessTasks && (previous.State.LastProjectlessScanAt is not { } last
            || _timeProvider.GetUtcNow() - last >= _options.ProjectlessRescanInterval);
        run.ProjectlessScanned = scan;
        if (scan)
        {
            run.EnqueueAssigneeListings(queue, assigned, old);
        }

        // Project-less tasks new or changed since the last sync, followed-only ones included, where search is available
        // (a 402 remembered from an earlier sync is not asked again until the next full sync). The margin covers the
        // index lag; what search returns counts as listed, so it is not re-read below.
        if (SearchWanted && previous.State.TaskSearchAvailable != false && previous.State.LastSyncAt is { } lastSync)
        {
            var modifiedAfter = lastSync - _options.SearchIndexLagMargin;
            queue.Enqueue(ct => run.SearchTasksAsync(queue, modifiedAfter, assigned, old, ct));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        // Tasks that were in a re-crawled project but are no longer listed there: re-read them.
        var storedByProject = old.Values
            .SelectMany(t => t.Record.Memberships.Select(m => (Project: m.ProjectGid, Task: t.Record.Gid)))
            .ToLookup(x => x.Project, x => x.Task, StringComparer.Ordinal);
        foreach (var (projectGid, listed) in listedByProject)
        {
            if (run.UnreadableProjects.ContainsKey(projectGid))
            {
                StripProject(run, projectGid, refetch: null);
                continue;
            }

            foreach (var gid in storedByProject[projectGid].Where(g => !listed.ContainsKey(g)))
            {
                refetch.TryAdd(gid, Unlisted);
            }
        }

        // Stored project-less tasks that no assignee listing returned: re-read (deleted, unassigned, or re-homed).
        if (scan)
        {
            foreach (var (gid, state) in old)
            {
                if (state.Record.Memberships.Count == 0 && state.Record.ParentGid is null && !assigned.ContainsKey(gid))
                {
                    refetch.TryAdd(gid, Unlisted);
                }
            }
        }

        // 5. Re-read changed tasks; read subtasks where num_subtasks changed; reconcile children.
        queue = new WorkQueue();
        var fetched = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        run.OnStoredChildMissing = gid => EnqueueRefetch(run, queue, gid, Unlisted, old, fetched, deleted);
        foreach (var (gid, reason) in refetch.Where(r => !deleted.ContainsKey(r.Key)))
        {
            EnqueueRefetch(run, queue, gid, reason, old, fetched, deleted);
        }

        // A project's event stream covers its tasks and their direct subtasks, nothing deeper, and project-less tasks have
        // no stream at all: every stored task with subtasks that is in no project has its subtasks re-listed, so a change
        // below it (a follower removed from a sub-subtask, a deletion) counts at this sync rather than at the next full one.
        // Below project-less tasks this follows their rescan interval (when the scan is due, nothing is held back).
        var underProjectless = scan ? new HashSet<string>(StringComparer.Ordinal) : ProjectlessSubtrees(old);
        var doomed = Subtrees(deleted.Keys, childrenOf); // deleted with an ancestor: nothing to list
        foreach (var (gid, state) in old)
        {
            if (state.NumSubtasks > 0 && state.Record.Memberships.Count == 0 && !doomed.Contains(gid)
                && !underProjectless.Contains(gid) && run.TryClaimSubtasks(gid))
            {
                queue.Enqueue(ct => run.ReadSubtasksAsync(queue, gid, old, ApiCallKinds.UnstreamedSubtasks, ct));
            }
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        // 6. A stored task that nothing in this sync covered (no fresh record, no live event stream over it or its parent,
        // no fresh listing of its parent's subtasks) is re-read: a 404 deletes it. Such are, for example, subtasks whose
        // parent the token cannot open.
        var streamed = events.Keys.Concat(listedByProject.Keys).ToHashSet(StringComparer.Ordinal); // read through events, or crawled again
        bool InStream(TaskState state) => state.Record.Memberships.Any(m => streamed.Contains(m.ProjectGid));
        queue = new WorkQueue();
        doomed = Subtrees(deleted.Keys, childrenOf);
        foreach (var (gid, state) in old)
        {
            if (doomed.Contains(gid) || fetched.ContainsKey(gid) || run.Fresh.ContainsKey(gid) || InStream(state)
                || underProjectless.Contains(gid))
            {
                continue;
            }

            var parent = state.Record.ParentGid;
            if (parent is not null && (run.Relisted.ContainsKey(parent) || (run.Tasks.TryGetValue(parent, out var p) && InStream(p))))
            {
                continue;
            }

            EnqueueRefetch(run, queue, gid, Unlisted, old, fetched, deleted);
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        // 7. Deletions take their subtasks with them.
        RemoveWithDescendants(run, deleted.Keys);
        return recrawl.Count;
    }

    private bool FullSyncDue(SyncState state, DateTimeOffset now) =>
        _options.FullSyncInterval is { } interval && (state.LastFullSyncAt is not { } lastFull || now - lastFull >= interval);

    /// <summary>
    /// Event tokens of the projects still there, except those whose tasks could not be read: without a token the next
    /// sync crawls them in full instead of trusting events over tasks it never listed.
    /// </summary>
    private static Dictionary<string, string> ProjectTokensToKeep(SyncRun run, WorkspaceData data)
    {
        var projects = data.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        return new Dictionary<string, string>(
            run.ProjectTokens.Where(t => projects.Contains(t.Key) && !run.UnreadableProjects.ContainsKey(t.Key)),
            StringComparer.Ordinal);
    }

    private bool SearchWanted => _options.UseWorkspaceSearch && _options.IncludeProjectlessTasks;

    /// <summary>Why a stored task is re-read: an event named it, or no listing returned it any more.</summary>
    private const byte Reported = 1;

    /// <inheritdoc cref="Reported"/>
    private const byte Unlisted = 0;

    private static void EnqueueRefetch(SyncRun run, WorkQueue queue, string gid, byte reason, Dictionary<string, TaskState> old, ConcurrentDictionary<string, byte> fetched, ConcurrentDictionary<string, byte> deleted)
    {
        if (!fetched.TryAdd(gid, 0))
        {
            return;
        }

        queue.Enqueue(async ct =>
        {
            var task = await run.RefetchAsync(gid, ct);
            if (task is null)
            {
                deleted.TryAdd(gid, 0);
                return;
            }

            if (reason == Unlisted && task.Parent is null && run.ModifiedSince is { } since && task.ModifiedAt is { } modified && modified < since)
            {
                // No listing returns it because it aged out of the lookback window: it leaves the store, as a full sync
                // would not read it. A task an event reported is kept however old its modified_at.
                deleted.TryAdd(gid, 0);
                return;
            }

            run.AddTask(queue, task, null, fetchSubtasks: false, previous: null);
            var num = task.NumSubtasks ?? 0;
            var known = old.TryGetValue(gid, out var before);
            var hadChildren = known && before!.NumSubtasks > 0;
            if ((num > 0 || hadChildren) && (!known || before!.NumSubtasks != num) && run.TryClaimSubtasks(gid))
            {
                if (num > 0)
                {
                    await run.ReadSubtasksAsync(queue, gid, old, ApiCallKinds.Subtasks, ct);
                }
                else
                {
                    run.ReportMissingChildren(gid, []);
                }
            }
        });
    }

    /// <summary>The given tasks and every stored descendant of theirs.</summary>
    private static HashSet<string> Subtrees(IEnumerable<string> roots, ILookup<string, string> childrenOf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.TryPop(out var gid))
        {
            if (result.Add(gid))
            {
                foreach (var child in childrenOf[gid])
                {
                    stack.Push(child);
                }
            }
        }

        return result;
    }

    /// <summary>Stored tasks whose top-level ancestor is a stored task in no project (that ancestor included).</summary>
    private static HashSet<string> ProjectlessSubtrees(IReadOnlyDictionary<string, TaskState> old)
    {
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool IsUnderProjectless(string gid)
        {
            var path = new List<string>();
            var answer = false;
            for (var node = gid; ; )
            {
                if (known.TryGetValue(node, out var cached))
                {
                    answer = cached;
                    break;
                }

                if (!old.TryGetValue(node, out var state) || path.Contains(node))
                {
                    break; // parent not stored, or a cycle: not a project-less tree we know
                }

                path.Add(node);
                if (state.Record.ParentGid is not { } parent)
                {
                    answer = state.Record.Memberships.Count == 0;
                    break;
                }

                node = parent;
            }

            foreach (var visited in path)
            {
                known[visited] = answer;
            }

            return answer;
        }

        return old.Keys.Where(IsUnderProjectless).ToHashSet(StringComparer.Ordinal);
    }

    private static void StripProject(SyncRun run, string projectGid, ConcurrentDictionary<string, byte>? refetch)
    {
        foreach (var (gid, state) in run.Tasks)
        {
            if (state.Record.Memberships.All(m => m.ProjectGid != projectGid))
            {
                continue;
            }

            var remaining = state.Record.Memberships.Where(m => m.ProjectGid != projectGid).ToList();
            run.Tasks[gid] = state with { Record = state.Record with { Memberships = remaining } };
            if (remaining.Count == 0 && state.Record.ParentGid is null)
            {
                refetch?.TryAdd(gid, Unlisted);
            }
        }
    }

    private static void RemoveWithDescendants(SyncRun run, IEnumerable<string> roots)
    {
        var children = run.Tasks.Values.Where(t => t.Record.ParentGid is not null)
            .ToLookup(t => t.Record.ParentGid!, t => t.Record.Gid, StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var gid = stack.Pop();
            if (!seen.Add(gid))
            {
                continue;
            }

            run.Tasks.TryRemove(gid, out _);
            foreach (var child in children[gid])
            {
                stack.Push(child);
            }
        }
    }

    private async Task<SyncResult> CommitAsync(SyncRun run, StoredWorkspace? previous, long generation, DateTimeOffset startedAt, long stopwatch, int recrawled, CancellationToken cancellationToken)
    {
        var data = Assemble(run);
        var permissions = WorkspacePermissions.Build(data);
        var current = Entries.From(data, permissions, run.Tasks);
        Entries? before = null;
        if (previous is not null)
        {
            var counts = previous.SubtaskCounts;
            before = Entries.From(previous.Data, WorkspacePermissions.Build(previous.Data), null, counts);
        }

        var batch = _options.StoreBatchSize;
        var searchAvailable = run.SearchAvailable ?? previous?.State.TaskSearchAvailable;
        int written, deletedCount;
        await using (var writer = await _store.BeginSyncAsync(run.WorkspaceGid, generation, cancellationToken))
        {
            if (before is null)
            {
                await writer.ClearAsync(cancellationToken);
            }

            await writer.WriteWorkspaceAsync(data.Workspace, permissions.ToMergeModel().Roles, cancellationToken);
            var (users, userDeletes) = Diff(before?.Users, current.Users);
            var (teams, teamDeletes) = Diff(before?.Teams, current.Teams);
            var (collections, collectionDeletes) = Diff(before?.Collections, current.Collections);
            var (tickets, ticketDeletes) = Diff(before?.Tickets, current.Tickets);
            var (portfolios, portfolioDeletes) = Diff(before?.Portfolios, current.Portfolios);
            await ForBatches(ticketDeletes, batch, b => writer.DeleteTicketsAsync(b, cancellationToken));
            await ForBatches(collectionDeletes, batch, b => writer.DeleteCollectionsAsync(b, cancellationToken));
            await ForBatches(teamDeletes, batch, b => writer.DeleteTeamsAsync(b, cancellationToken));
            await ForBatches(userDeletes, batch, b => writer.DeleteUsersAsync(b, cancellationToken));
            await ForBatches(portfolioDeletes, batch, b => writer.DeletePortfoliosAsync(b, cancellationToken));
            await ForBatches(users, batch, b => writer.UpsertUsersAsync(b, cancellationToken));
            await ForBatches(teams, batch, b => writer.UpsertTeamsAsync(b, cancellationToken));
            await ForBatches(portfolios, batch, b => writer.UpsertPortfoliosAsync(b, cancellationToken));
            await ForBatches(collections, batch, b => writer.UpsertCollectionsAsync(b, cancellationToken));
            await ForBatches(tickets, batch, b => writer.UpsertTicketsAsync(b, cancellationToken));
            var state = new SyncState(
                startedAt,
                previous is null ? startedAt : previous.State.LastFullSyncAt,
                ProjectTokensToKeep(run, data))
            {
                LookbackDays = _options.LookbackDays,
                LastProjectlessScanAt = previous is null || run.ProjectlessScanned ? startedAt : previous.State.LastProjectlessScanAt,
                TaskSearchAvailable = searchAvailable,
            };
            await writer.WriteSyncStateAsync(state, cancellationToken);
            await writer.CommitAsync(cancellationToken);
            written = tickets.Count;
            deletedCount = ticketDeletes.Count;
        }

        SyncTelemetry.TicketsWritten.Add(written);
        SyncTelemetry.TicketsDeleted.Add(deletedCount);
        return new SyncResult(
            run.WorkspaceGid,
            previous is null ? SyncMode.Full : SyncMode.Incremental,
            startedAt,
            _timeProvider.GetElapsedTime(stopwatch),
            run.Calls.Snapshot(run.Retries),
            previous is null ? run.ComputeFloor() : null,
            data.Tasks.Count,
            written,
            deletedCount,
            recrawled,
            run.Warnings)
        {
            TaskSearchAvailable = searchAvailable,
        };
    }

    private static WorkspaceData Assemble(SyncRun run)
    {
        var projectGids = run.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var tasks = run.Tasks.Values.Select(t => t.Record).OrderBy(t => t.Gid, StringComparer.Ordinal).ToList();
        return new WorkspaceData(
            run.Workspace!,
            run.Users,
            run.WorkspaceMemberships,
            run.Teams,
            run.Teams.SelectMany(t => run.TeamMemberships.GetValueOrDefault(t.Gid) ?? []).ToList(),
            run.Projects,
            run.Projects.SelectMany(p => run.ProjectMemberships.GetValueOrDefault(p.Gid) ?? []).ToList(),
            run.Projects.SelectMany(p => run.Sections.GetValueOrDefault(p.Gid) ?? []).Where(s => projectGids.Contains(s.ProjectGid)).DistinctBy(s => s.Gid).ToList(),
            tasks)
        {
            Portfolios = [.. run.Portfolios.Values.OrderBy(p => p.Gid, StringComparer.Ordinal)],
            PortfolioMemberships = [.. run.Portfolios.Keys.Order(StringComparer.Ordinal).SelectMany(p => run.PortfolioMemberships.GetValueOrDefault(p) ?? [])],
            ProjectPortfolioSettings = [.. run.Portfolios.Keys.Order(StringComparer.Ordinal).SelectMany(p => run.PortfolioSettings.GetValueOrDefault(p) ?? [])],
        };
    }

    private static (List<T> Upserts, List<string> Deletes) Diff<T>(Dictionary<string, (T Entry, string Fingerprint)>? before, Dictionary<string, (T Entry, string Fingerprint)> after)
    {
        var upserts = new List<T>();
        foreach (var (gid, (entry, fingerprint)) in after.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (before is null || !before.TryGetValue(gid, out var old) || old.Fingerprint != fingerprint)
            {
                upserts.Add(entry);
            }
        }

        var deletes = before is null ? [] : before.Keys.Where(k => !after.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        return (upserts, deletes);
    }

    private static async Task ForBatches<T>(List<T> items, int size, Func<IReadOnlyList<T>, Task> write)
    {
        for (var i = 0; i < items.Count; i += size)
        {
            await write(items.GetRange(i, Math.Min(size, items.Count - i)));
        }
    }

    private static string FormatKinds(IReadOnlyDictionary<string, int> byKind) =>
        string.Join(", ", byKind.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));

    /// <summary>Every object of a workspace as store entries, with a fingerprint to diff two syncs.</summary>
    private sealed class Entries
    {
        public Dictionary<string, (UserEntry Entry, string Fingerprint)> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (TeamEntry Entry, string Fingerprint)> Teams { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (CollectionEntry Entry, string Fingerprint)> Collections { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (TicketEntry Entry, string Fingerprint)> Tickets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (PortfolioEntry Entry, string Fingerprint)> Portfolios { get; } = new(StringComparer.Ordinal);

        public static Entries From(WorkspaceData data, WorkspacePermissions permissions, IReadOnlyDictionary<string, TaskState>? states, IReadOnlyDictionary<string, int>? counts = null)
        {
            var entries = new Entries();
            var model = permissions.ToMergeModel();
            var usersByGid = model.Users.ToDictionary(u => u.RemoteId, StringComparer.Ordinal);
            var memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
            foreach (var user in data.Users)
            {
                if (!usersByGid.TryGetValue(user.Gid, out var merge))
                {
                    continue;
                }

                var membership = memberships.GetValueOrDefault(user.Gid) ?? new WorkspaceMembershipRecord(user.Gid, false, false, false);
                var tokens = permissions.GetUserPrincipalTokens(user.Gid);
                var fingerprint = string.Join('\u001f', MergeJson.ToJson(merge, MergeJson.WriteUser), user.Email, membership.ToString(), string.Join(',', tokens));
                entries.Users[user.Gid] = (new UserEntry(user, membership, merge, tokens), fingerprint);
            }

            var teamMembers = data.TeamMemberships.ToLookup(m => m.TeamGid, StringComparer.Ordinal);
            var teamsByGid = model.Teams.ToDictionary(t => t.RemoteId, StringComparer.Ordinal);
            foreach (var team in data.Teams)
            {
                if (!teamsByGid.TryGetValue(team.Gid, out var merge))
                {
                    continue;
                }

                var members = teamMembers[team.Gid].OrderBy(m => m.UserGid, StringComparer.Ordinal).ToList();
                var fingerprint = string.Join('\u001f', MergeJson.ToJson(merge, MergeJson.WriteTeam), string.Join(',', members.Select(m => m.ToString())));
                entries.Teams[team.Gid] = (new TeamEntry(team, members, merge), fingerprint);
            }

            var portfolioMembers = data.PortfolioMemberships.ToLookup(m => m.PortfolioGid, StringComparer.Ordinal);
            var portfolioSettings = data.ProjectPortfolioSettings.ToLookup(m => m.PortfolioGid, StringComparer.Ordinal);
            foreach (var portfolio in data.Portfolios)
            {
                var members = portfolioMembers[portfolio.Gid].OrderBy(m => m.MemberGid, StringComparer.Ordinal).ThenBy(m => m.MemberKind).ToList();
                var settings = portfolioSettings[portfolio.Gid].OrderBy(m => m.ProjectGid, StringComparer.Ordinal).ToList();
                var fingerprint = string.Join('\u001f', portfolio.ToString(), string.Join(',', members.Select(m => m.ToString())), string.Join(',', settings.Select(m => m.ToString())));
                entries.Portfolios[portfolio.Gid] = (new PortfolioEntry(portfolio, members, settings), fingerprint);
            }

            var projects = data.Projects.ToDictionary(p => p.Gid, StringComparer.Ordinal);
            var sections = data.Sections.ToDictionary(s => s.Gid, StringComparer.Ordinal);
            var projectMembers = data.ProjectMemberships.ToLookup(m => m.ProjectGid, StringComparer.Ordinal);
            foreach (var collection in model.Collections)
            {
                var project = projects.GetValueOrDefault(collection.RemoteId);
                var section = project is null ? sections.GetValueOrDefault(collection.RemoteId) : null;
                var members = project is null ? [] : projectMembers[project.Gid].OrderBy(m => m.MemberGid, StringComparer.Ordinal).ThenBy(m => m.MemberKind).ToList();
                var fingerprint = string.Join('\u001f', MergeJson.ToJson(collection, MergeJson.WriteCollection), project?.ToString(), section?.ToString(), string.Join(',', members.Select(m => m.ToString())));
                entries.Collections[collection.RemoteId] = (new CollectionEntry(collection, project, members, section), fingerprint);
            }

            var tasks = data.Tasks.ToDictionary(t => t.Gid, StringComparer.Ordinal);
            foreach (var ticket in model.Tickets)
            {
                if (!tasks.TryGetValue(ticket.RemoteId, out var task))
                {
                    continue;
                }

                var num = states is not null ? states.GetValueOrDefault(task.Gid)?.NumSubtasks ?? 0 : counts?.GetValueOrDefault(task.Gid) ?? 0;
                var tokens = permissions.GetTicketPrincipalTokens(task.Gid);
                var fingerprint = string.Join(
                    '\u001f',
                    MergeJson.ToJson(ticket, MergeJson.WriteTicket),
                    string.Join(',', tokens),
                    task.Notes,
                    task.Completed ? "1" : "0",
                    string.Join(',', task.FollowerGids),
                    string.Join(',', task.Memberships.Select(m => m.ProjectGid + ":" + m.SectionGid)),
                    task.ModifiedAt?.ToString("O", CultureInfo.InvariantCulture),
                    num.ToString(CultureInfo.InvariantCulture));
                entries.Tickets[task.Gid] = (new TicketEntry(task, ticket, tokens, num), fingerprint);
            }

            return entries;
        }
    }
}
