using System.Collections.Concurrent;
using Asana.Client;
using Asana.Client.Models;
using Asana.Sync.Internal.Planning;
using Asana.Sync.Storage;
using Microsoft.Extensions.Logging;

namespace Asana.Sync.Internal;

/// <summary>
/// Reads the tasks of one sync into its <see cref="SyncRun"/>: every project, assignee listing and search in a full sync;
/// in an incremental one, the reads the <see cref="IncrementalPlanner"/> asks for, phase by phase.
/// </summary>
internal sealed class TaskCrawl
{
    private readonly SyncRun _run;
    private readonly AsanaSyncOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public TaskCrawl(SyncRun run, AsanaSyncOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _run = run;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private bool SearchWanted => _options.UseWorkspaceSearch && _options.IncludeProjectlessTasks;

    /// <summary>Every project crawled, every active user's assigned tasks, and search where the plan has it.</summary>
    public async Task FullAsync(CancellationToken cancellationToken)
    {
        var run = _run;
        var queue = new WorkQueue();
        foreach (var project in run.Projects)
        {
            run.EnqueueProjectCrawl(queue, project.Gid, needsToken: true);
        }

        run.EnqueueAssigneeListings(queue);
        if (SearchWanted)
        {
            // A full sync always asks (again): the plan may have changed since search last answered 402.
            queue.Enqueue(ct => run.SearchTasksAsync(queue, run.ModifiedSince, listed: null, ct));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);
    }

    /// <summary>Brings the stored tasks up to date.</summary>
    /// <returns>How many projects were crawled again in full.</returns>
    public async Task<int> IncrementalAsync(IncrementalPlanner planner, StoredWorkspace previous, CancellationToken cancellationToken)
    {
        var run = _run;
        var state = previous.State;
        var storedSections = previous.Data.Sections.ToLookup(s => s.ProjectGid, StringComparer.Ordinal);

        // 1. Events of every project that has a stored sync token, in parallel; the others are crawled again.
        var projects = planner.PlanProjects(run.Projects.Select(p => p.Gid));
        var recrawl = new ConcurrentDictionary<string, string>(projects.Recrawls, StringComparer.Ordinal);
        var events = new ConcurrentDictionary<string, IReadOnlyList<AsanaEvent>>(StringComparer.Ordinal);
        var queue = new WorkQueue();
        foreach (var (gid, token) in projects.EventReads)
        {
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

        // 2. What the events say. "deleted" collects what leaves the store: deleted in Asana, unreadable, or aged out.
        var said = IncrementalPlanner.ReadEvents(events);
        var deleted = new ConcurrentDictionary<string, byte>(said.Deleted.Select(g => KeyValuePair.Create(g, (byte)0)), StringComparer.Ordinal);
        var refetch = new Dictionary<string, RefetchReason>(StringComparer.Ordinal);
        foreach (var gid in said.Reported)
        {
            refetch[gid] = RefetchReason.Reported;
        }

        // 3. Projects that disappeared: their tasks lose that placement; a task left with nothing is re-read.
        foreach (var gone in projects.Gone)
        {
            foreach (var gid in IncrementalPlanner.StripProject(run.Tasks, gone))
            {
                refetch.TryAdd(gid, RefetchReason.Unlisted);
            }
        }

        // 4. Re-crawl new projects and those whose token expired; list again the sections of projects with section events.
        var listedByProject = new Dictionary<string, ConcurrentDictionary<string, byte>>(StringComparer.Ordinal);
        queue = new WorkQueue();
        foreach (var (gid, reason) in recrawl.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Log.ProjectRecrawl(_logger, gid, reason);
            var listed = listedByProject[gid] = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            run.EnqueueProjectCrawl(queue, gid, needsToken: !run.ProjectTokens.ContainsKey(gid), listed);
        }

        foreach (var project in run.Projects.Where(p => !recrawl.ContainsKey(p.Gid)))
        {
            if (said.SectionReloads.Contains(project.Gid))
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
        var scan = _options.IncludeProjectlessTasks && (state.LastProjectlessScanAt is not { } last
            || _timeProvider.GetUtcNow() - last >= _options.ProjectlessRescanInterval);
        run.ProjectlessScanned = scan;
        if (scan)
        {
            run.EnqueueAssigneeListings(queue, assigned);
        }

        // Project-less tasks new or changed since the last sync, followed-only ones included, where search is available
        // (a 402 remembered from an earlier sync is not asked again until the next full sync). The margin covers the
        // index lag; what search returns counts as listed, so it is not re-read below.
        if (SearchWanted && state.TaskSearchAvailable != false && state.LastSyncAt is { } lastSync)
        {
            var modifiedAfter = lastSync - _options.SearchIndexLagMargin;
            queue.Enqueue(ct => run.SearchTasksAsync(queue, modifiedAfter, assigned, ct));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        // Tasks that were in a re-crawled project but are no longer listed there are re-read; a project whose tasks
        // could not be read grants nothing through its tasks any more.
        foreach (var (projectGid, listed) in listedByProject.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (run.UnreadableProjects.ContainsKey(projectGid))
            {
                IncrementalPlanner.StripProject(run.Tasks, projectGid);
                continue;
            }

            foreach (var gid in planner.NoLongerListed(projectGid, listed.Keys.ToHashSet(StringComparer.Ordinal)))
            {
                refetch.TryAdd(gid, RefetchReason.Unlisted);
            }
        }

        if (scan)
        {
            foreach (var gid in planner.UnassignedProjectless(assigned.Keys.ToHashSet(StringComparer.Ordinal)))
            {
                refetch.TryAdd(gid, RefetchReason.Unlisted);
            }
        }

        // 5. Re-read changed tasks (reading subtasks where num_subtasks changed), and list again the subtasks of stored
        // tasks no event stream covers.
        var fetched = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        queue = new WorkQueue();
        foreach (var (gid, reason) in refetch.Where(r => !deleted.ContainsKey(r.Key)))
        {
            EnqueueRefetch(queue, planner, gid, reason, fetched, deleted);
        }

        foreach (var gid in planner.UnstreamedParents(deleted.Keys.ToHashSet(StringComparer.Ordinal), scan))
        {
            if (run.TryClaimSubtasks(gid))
            {
                queue.Enqueue(ct => run.ReadSubtasksAsync(queue, gid, ApiCallKinds.UnstreamedSubtasks, ct));
            }
        }

        await RefetchUntilSettledAsync(queue, planner, fetched, deleted, cancellationToken);

        // 6. A stored task that nothing in this sync covered is re-read: a 404 deletes it.
        var coverage = new CoverageInputs(
            deleted.Keys.ToHashSet(StringComparer.Ordinal),
            fetched.Keys.ToHashSet(StringComparer.Ordinal),
            run.Fresh.Keys.ToHashSet(StringComparer.Ordinal),
            events.Keys.Concat(listedByProject.Keys).ToHashSet(StringComparer.Ordinal),
            run.Relisted.Keys.ToHashSet(StringComparer.Ordinal),
            run.Tasks);
        queue = new WorkQueue();
        foreach (var gid in planner.Uncovered(coverage, scan))
        {
            EnqueueRefetch(queue, planner, gid, RefetchReason.Unlisted, fetched, deleted);
        }

        await RefetchUntilSettledAsync(queue, planner, fetched, deleted, cancellationToken);

        // 7. Deletions take their subtasks with them.
        foreach (var gid in IncrementalPlanner.WithDescendants(deleted.Keys, run.Tasks))
        {
            run.Tasks.TryRemove(gid, out _);
        }

        return recrawl.Count;
    }

    /// <summary>
    /// The task reads of a targeted refresh: new projects crawled in full; the named tasks, and the tasks a gone project
    /// leaves with no placement, re-read with their subtasks listed again; whatever Asana no longer returns leaves with
    /// its subtree.
    /// </summary>
    public async Task RefreshAsync(IncrementalPlanner planner, IReadOnlyCollection<string> newProjects, IReadOnlyCollection<string> goneProjects, IReadOnlySet<string> tasks, CancellationToken cancellationToken)
    {
        var run = _run;
        var refetch = new Dictionary<string, RefetchReason>(StringComparer.Ordinal);
        foreach (var gid in tasks)
        {
            refetch[gid] = RefetchReason.Reported;
        }

        foreach (var gone in goneProjects)
        {
            foreach (var gid in IncrementalPlanner.StripProject(run.Tasks, gone))
            {
                refetch.TryAdd(gid, RefetchReason.Unlisted);
            }
        }

        var queue = new WorkQueue();
        foreach (var project in newProjects)
        {
            Log.ProjectRecrawl(_logger, project, "new project");
            run.EnqueueProjectCrawl(queue, project, needsToken: !run.ProjectTokens.ContainsKey(project));
        }

        await queue.RunAsync(_options.MaxParallelism, cancellationToken);

        var fetched = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var deleted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        queue = new WorkQueue();
        foreach (var (gid, reason) in refetch)
        {
            // An event about a task may be about its subtasks (added, removed): list them whatever num_subtasks says.
            EnqueueRefetch(queue, planner, gid, reason, fetched, deleted, alwaysListSubtasks: true);
        }

        await RefetchUntilSettledAsync(queue, planner, fetched, deleted, cancellationToken);
        foreach (var gid in IncrementalPlanner.WithDescendants(deleted.Keys, run.Tasks))
        {
            run.Tasks.TryRemove(gid, out _);
        }
    }

    /// <summary>
    /// Runs the queue; then re-reads, round after round, every stored child that a fresh subtask listing no longer returned
    /// (each deleted or moved: the re-read tells which), until no new one turns up.
    /// </summary>
    private async Task RefetchUntilSettledAsync(WorkQueue queue, IncrementalPlanner planner, ConcurrentDictionary<string, byte> fetched, ConcurrentDictionary<string, byte> deleted, CancellationToken cancellationToken)
    {
        while (true)
        {
            await queue.RunAsync(_options.MaxParallelism, cancellationToken);
            var missing = _run.MissingStoredChildren.Keys.Where(g => !fetched.ContainsKey(g) && !deleted.ContainsKey(g)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            queue = new WorkQueue();
            foreach (var gid in missing)
            {
                EnqueueRefetch(queue, planner, gid, RefetchReason.Unlisted, fetched, deleted);
            }
        }
    }

    private void EnqueueRefetch(WorkQueue queue, IncrementalPlanner planner, string gid, RefetchReason reason, ConcurrentDictionary<string, byte> fetched, ConcurrentDictionary<string, byte> deleted, bool alwaysListSubtasks = false)
    {
        if (!fetched.TryAdd(gid, 0))
        {
            return;
        }

        var run = _run;
        queue.Enqueue(async ct =>
        {
            var task = await run.RefetchAsync(gid, ct);
            if (task is null || IncrementalPlanner.AgedOut(task, reason, run.ModifiedSince))
            {
                deleted.TryAdd(gid, 0);
                return;
            }

            run.AddTask(queue, task, null, SubtaskReads.Never);
            var num = task.NumSubtasks ?? 0;
            if ((alwaysListSubtasks || planner.SubtasksChanged(gid, num)) && run.TryClaimSubtasks(gid))
            {
                if (num > 0)
                {
                    await run.ReadSubtasksAsync(queue, gid, ApiCallKinds.Subtasks, ct);
                }
                else
                {
                    run.ReportMissingChildren(gid, []);
                }
            }
        });
    }
}
