using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Concurrency;

/// <summary>A pass-through store that remembers the highest generation a sync started from (its loads and reads).</summary>
internal sealed class RecordingStore(IPermissionStore inner) : IPermissionStore
{
    private long _startedFrom = -1;

    public long StartedFrom => Interlocked.Read(ref _startedFrom);

    public async Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        Record(await inner.GetGenerationAsync(workspaceGid, cancellationToken));

    public async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        var stored = await inner.LoadAsync(workspaceGid, cancellationToken);
        if (stored is not null)
        {
            Record(stored.Generation);
        }

        return stored;
    }

    public Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.TryAcquireSyncLeaseAsync(workspaceGid, owner, duration, cancellationToken);

    public Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.RenewSyncLeaseAsync(lease, duration, cancellationToken);

    public Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) => inner.ReleaseSyncLeaseAsync(lease, cancellationToken);

    public Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default) =>
        inner.BeginSyncAsync(workspaceGid, expectedGeneration, cancellationToken);

    public Task<bool> PurgeAsync(string workspaceGid, CancellationToken cancellationToken = default) => inner.PurgeAsync(workspaceGid, cancellationToken);

    private long Record(long generation)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _startedFrom);
        }
        while (generation > seen && Interlocked.CompareExchange(ref _startedFrom, generation, seen) != seen);

        return generation;
    }
}
