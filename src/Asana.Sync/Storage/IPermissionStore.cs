namespace Asana.Sync.Storage;

/// <summary>
/// Where a sync puts its results. A host may implement it over its own database or search index; the library ships
/// <see cref="Asana.Sync.Sqlite.SqlitePermissionStore"/>. Every write goes through a unit of work
/// (<see cref="BeginSyncAsync"/>): nothing is visible to readers until <see cref="IPermissionStoreWriter.CommitAsync"/>,
/// and disposing an uncommitted writer discards everything it received, so a failed or cancelled sync leaves the previous
/// state intact. Workspaces are kept apart: every call names one.
/// </summary>
/// <remarks>
/// One writer per workspace is the store's job, in two layers. A sync holds the workspace's lease
/// (<see cref="TryAcquireSyncLeaseAsync"/>), so a second sync waits or is told who holds it. And every commit is
/// optimistic: it names the generation its sync started from and fails with <see cref="PermissionStoreException"/>
/// (<see cref="PermissionStoreError.Conflict"/> or <see cref="PermissionStoreError.Purged"/>) when another commit or a
/// purge came in between, which also covers a lease that expired under a paused process. Generations only grow, across
/// purges included, so a value seen once never names a different state.
/// </remarks>
public interface IPermissionStore
{
    /// <summary>
    /// The workspace's generation: 0 when it was never committed, and one more at every commit and every purge, never
    /// repeating.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads what the last committed sync of a workspace stored: the source records, the per-task subtask counts, the
    /// sync state and the generation. Returns null when the workspace has never been synced (or was purged).
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the workspace's sync lease unless another holder's lease is still running: returns the new lease, or throws
    /// <see cref="PermissionStoreException"/> with <see cref="PermissionStoreError.LeaseHeld"/> and the holder.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="owner">Who asks, for the messages others get.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease this caller holds. Returns the renewed lease, or null when it was lost (expired and taken).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="duration">How long from now it lasts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives a lease back (nothing happens when it was already lost).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts the unit of work of one sync of one workspace. Its commit succeeds only while the workspace's generation
    /// is still <paramref name="expectedGeneration"/>; otherwise it throws <see cref="PermissionStoreException"/>
    /// (<see cref="PermissionStoreError.Conflict"/>, or <see cref="PermissionStoreError.Purged"/> after a purge) and
    /// writes nothing.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="expectedGeneration">The generation the sync started from (its load, or before it crawled).</param>
    /// <param name="cancellationToken">Cancels opening the unit of work.</param>
    Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every row of a workspace at once (disconnect: its content stops being searchable immediately) and moves
    /// its generation on, so a sync of it that is still running commits nothing. A later sync adds it again.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns>True when the workspace was present.</returns>
    Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default);
}
