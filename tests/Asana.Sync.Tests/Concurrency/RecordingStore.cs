using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Concurrency;

/// <summary>A pass-through store that remembers the highest generation a sync started from (its loads and reads).</summary>
internal sealed class RecordingStore(IPermissionStore inner) : DelegatingStore(inner)
{
    private long _startedFrom = -1;

    public long StartedFrom => Interlocked.Read(ref _startedFrom);

    public override async Task<long> GetGenerationAsync(string workspaceGid, CancellationToken cancellationToken = default) =>
        Record(await base.GetGenerationAsync(workspaceGid, cancellationToken));

    public override async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        var stored = await base.LoadAsync(workspaceGid, cancellationToken);
        if (stored is not null)
        {
            Record(stored.Generation);
        }

        return stored;
    }

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
