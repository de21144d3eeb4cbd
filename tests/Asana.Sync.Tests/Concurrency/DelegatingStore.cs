using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Concurrency;

/// <summary>
/// A store that forwards every call to a real one, so a test store overrides only the calls it changes and cannot
/// drift from the interface elsewhere.
/// </summary>
internal abstract class DelegatingStore(IPermissionStore inner) : IPermissionStore
{
    public virtual Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        inner.GetGenerationAsync(workspaceGid, cancellationToken);

    public virtual Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(workspaceGid, cancellationToken);

    public virtual Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.TryAcquireSyncLeaseAsync(workspaceGid, owner, duration, cancellationToken);

    public virtual Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.RenewSyncLeaseAsync(lease, duration, cancellationToken);

    public virtual Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) =>
        inner.ReleaseSyncLeaseAsync(lease, cancellationToken);

    public virtual Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default) =>
        inner.BeginSyncAsync(workspaceGid, expectedGeneration, cancellationToken);

    public virtual Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        inner.PurgeAsync(workspaceGid, cancellationToken);
}
