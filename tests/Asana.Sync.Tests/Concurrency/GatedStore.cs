using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Concurrency;

/// <summary>
/// A real store behind a gate: the first sync that reads its starting point (load or generation) stops there until the
/// test opens the gate, so a test can put other syncs, purges and Asana changes in between, deterministically.
/// <see cref="IgnoreLeases"/> hands every caller a lease, like a store whose host forgot them: the commit's generation
/// check must then hold on its own.
/// </summary>
internal sealed class GatedStore(IPermissionStore inner) : DelegatingStore(inner)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _gated;

    public bool IgnoreLeases { get; init; }

    /// <summary>False: a plain pass-through (with <see cref="IgnoreLeases"/> if set).</summary>
    public bool Gated { get; init; } = true;

    /// <summary>Completes when the gated sync has read its starting point.</summary>
    public Task Reached => _reached.Task;

    public void Open() => _open.TrySetResult();

    public override async Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        var generation = await base.GetGenerationAsync(workspaceGid, cancellationToken);
        await GateAsync();
        return generation;
    }

    public override async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        var stored = await base.LoadAsync(workspaceGid, cancellationToken);
        await GateAsync();
        return stored;
    }

    public override Task<SyncLease> TryAcquireSyncLeaseAsync(string workspaceGid, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
        IgnoreLeases
            ? Task.FromResult(new SyncLease(workspaceGid, Guid.NewGuid().ToString("N"), owner, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + duration))
            : base.TryAcquireSyncLeaseAsync(workspaceGid, owner, duration, cancellationToken);

    public override Task<SyncLease?> RenewSyncLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        IgnoreLeases ? Task.FromResult<SyncLease?>(lease) : base.RenewSyncLeaseAsync(lease, duration, cancellationToken);

    public override Task ReleaseSyncLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) =>
        IgnoreLeases ? Task.CompletedTask : base.ReleaseSyncLeaseAsync(lease, cancellationToken);

    private async Task GateAsync()
    {
        // Only the first starting-point read waits; a retry after a lost commit reads on.
        if (Gated && Interlocked.Exchange(ref _gated, 1) == 0)
        {
            _reached.TrySetResult();
            await _open.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
    }
}
