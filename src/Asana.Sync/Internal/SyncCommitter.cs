using Asana.Permissions;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Internal;

/// <summary>
/// Writes what a sync read to the store in one unit of work: a full sync clears the workspace and writes every row; an
/// incremental one writes the rows whose fingerprint changed and deletes those no longer there (see
/// <see cref="StoreChanges"/>).
/// </summary>
internal sealed class SyncCommitter
{
    private readonly IPermissionStore _store;
    private readonly AsanaSyncOptions _options;
    private readonly TimeProvider _timeProvider;

    public SyncCommitter(IPermissionStore store, AsanaSyncOptions options, TimeProvider timeProvider)
    {
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Commits the run on top of <paramref name="previous"/> (null: a full sync) and says what it did. A targeted
    /// <paramref name="refresh"/> keeps the stored sync state (when the last sync ran, what search answered), so the next
    /// sync still looks back to the last real one; only event tokens of projects that came or went change.
    /// </summary>
    public async Task<SyncResult> CommitAsync(SyncRun run, StoredWorkspace? previous, long generation, DateTimeOffset startedAt, long stopwatch, int recrawled, CancellationToken cancellationToken, bool refresh = false)
    {
        WorkspaceData data;
        MergeModel model;
        StoreChanges changes;
        // Sub-phases of "asana.sync.store", for profiling: the evaluation and diff in memory, then the writes.
        using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.store.evaluate"))
        {
            data = Assemble(run);
            var permissions = WorkspacePermissions.Build(data);
            model = permissions.ToMergeModel();
            changes = StoreChanges.Between(previous, data, permissions, model, run.Tasks);
        }

        var batch = _options.StoreBatchSize;
        var searchAvailable = run.SearchAvailable ?? previous?.State.TaskSearchAvailable;
        using (SyncTelemetry.ActivitySource.StartActivity("asana.sync.store.write"))
        await using (var writer = await _store.BeginSyncAsync(run.WorkspaceGid, generation, cancellationToken))
        {
            if (previous is null)
            {
                await writer.ClearAsync(cancellationToken);
            }

            await writer.WriteWorkspaceAsync(data.Workspace, model.Roles, cancellationToken);
            await ForBatches(changes.Tickets.Deletes, batch, b => writer.DeleteTicketsAsync(b, cancellationToken));
            await ForBatches(changes.Collections.Deletes, batch, b => writer.DeleteCollectionsAsync(b, cancellationToken));
            await ForBatches(changes.Teams.Deletes, batch, b => writer.DeleteTeamsAsync(b, cancellationToken));
            await ForBatches(changes.Users.Deletes, batch, b => writer.DeleteUsersAsync(b, cancellationToken));
            await ForBatches(changes.Portfolios.Deletes, batch, b => writer.DeletePortfoliosAsync(b, cancellationToken));
            await ForBatches(changes.Users.Upserts, batch, b => writer.UpsertUsersAsync(b, cancellationToken));
            await ForBatches(changes.Teams.Upserts, batch, b => writer.UpsertTeamsAsync(b, cancellationToken));
            await ForBatches(changes.Portfolios.Upserts, batch, b => writer.UpsertPortfoliosAsync(b, cancellationToken));
            await ForBatches(changes.Collections.Upserts, batch, b => writer.UpsertCollectionsAsync(b, cancellationToken));
            await ForBatches(changes.Tickets.Upserts, batch, b => writer.UpsertTicketsAsync(b, cancellationToken));
            var state = refresh && previous is not null
                ? previous.State with { ProjectSyncTokens = ProjectTokensToKeep(run, data) }
                : new SyncState(
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
        }

        var written = changes.Tickets.Upserts.Count;
        var deleted = changes.Tickets.Deletes.Count;
        SyncTelemetry.TicketsWritten.Add(written);
        SyncTelemetry.TicketsDeleted.Add(deleted);
        return new SyncResult(
            run.WorkspaceGid,
            refresh ? SyncMode.Refresh : previous is null ? SyncMode.Full : SyncMode.Incremental,
            startedAt,
            _timeProvider.GetElapsedTime(stopwatch),
            run.Calls.Snapshot(run.Retries),
            previous is null && !refresh ? run.ComputeFloor() : null,
            data.Tasks.Count,
            written,
            deleted,
            recrawled,
            run.Warnings)
        {
            TaskSearchAvailable = searchAvailable,
        };
    }

    private static WorkspaceData Assemble(SyncRun run)
    {
        var projectGids = run.Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var tasks = run.Tasks.Values.Select(t => t.Record).ToArray();
        Array.Sort(Array.ConvertAll(tasks, t => t.Gid), tasks, StringComparer.Ordinal);
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

    private static async Task ForBatches<T>(List<T> items, int size, Func<IReadOnlyList<T>, Task> write)
    {
        for (var i = 0; i < items.Count; i += size)
        {
            await write(items.GetRange(i, Math.Min(size, items.Count - i)));
        }
    }
}
