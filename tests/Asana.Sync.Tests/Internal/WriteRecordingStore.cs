using Asana.Sync.Storage;
using Asana.Sync.Tests.Concurrency;

namespace Asana.Sync.Tests.Internal;

/// <summary>
/// A pass-through store that hands out <see cref="RecordingWriter"/>s (the last one is <see cref="LastWriter"/>).
/// With <see cref="DropFingerprints"/> it behaves like a host's store that keeps no fingerprints: it writes none and
/// <see cref="LoadAsync"/> returns none.
/// </summary>
internal sealed class WriteRecordingStore(IPermissionStore inner) : DelegatingStore(inner)
{
    public bool DropFingerprints { get; init; }

    public RecordingWriter? LastWriter { get; private set; }

    public override async Task<StoredWorkspace?> LoadAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        var stored = await base.LoadAsync(workspaceGid, cancellationToken);
        return DropFingerprints && stored is not null ? stored with { Fingerprints = RowFingerprints.Empty } : stored;
    }

    public override async Task<IPermissionStoreWriter> BeginSyncAsync(string workspaceGid, long expectedGeneration, CancellationToken cancellationToken = default)
    {
        LastWriter = new RecordingWriter(await base.BeginSyncAsync(workspaceGid, expectedGeneration, cancellationToken), DropFingerprints);
        return LastWriter;
    }
}
