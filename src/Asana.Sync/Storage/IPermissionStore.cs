namespace Asana.Sync.Storage;

/// <summary>
/// Where a sync puts its results. A host may implement it over its own database or search index; the library ships
/// <see cref="Asana.Sync.Sqlite.SqlitePermissionStore"/>. Every write goes through a unit of work
/// (<see cref="BeginSyncAsync"/>): nothing is visible to readers until <see cref="IPermissionStoreWriter.CommitAsync"/>,
/// and disposing an uncommitted writer discards everything it received, so a failed or cancelled sync leaves the previous
/// state intact. Workspaces are kept apart: every call names one.
/// </summary>
public interface IPermissionStore
{
    /// <summary>
    /// Loads what the last committed sync of a workspace stored: the source records, the per-task subtask counts and the
    /// sync state. Returns null when the workspace has never been synced (or was purged).
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>Starts the unit of work of one sync of one workspace.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels opening the unit of work.</param>
    Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every row of a workspace at once (disconnect: its content stops being searchable immediately). Stop
    /// syncing the workspace first: a sync of it still running commits what it read, and so writes rows back.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns>True when the workspace was present.</returns>
    Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default);
}
