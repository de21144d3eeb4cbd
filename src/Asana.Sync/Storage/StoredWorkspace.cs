using System.Text;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>What <see cref="IPermissionStore.LoadAsync"/> returns.</summary>
/// <param name="Data">The source records of the last committed sync.</param>
/// <param name="SubtaskCounts">Task gid → <c>num_subtasks</c> when read.</param>
/// <param name="State">The sync state.</param>
public sealed record StoredWorkspace(WorkspaceData Data, IReadOnlyDictionary<string, int> SubtaskCounts, SyncState State)
{
    /// <summary>
    /// The workspace's generation when this was loaded (see <see cref="IPermissionStore.GetGenerationAsync"/>): a sync
    /// built on this state commits with it as the expected generation.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>
    /// The fingerprints stored with the rows (see <see cref="TicketEntry.Fingerprint"/>); empty (the default) for a store
    /// that does not keep them, whose rows an incremental sync then all rewrites.
    /// </summary>
    public RowFingerprints Fingerprints { get; init; } = RowFingerprints.Empty;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Data = ").Append(Data)
            .Append(", SubtaskCounts = ").AppendMap(SubtaskCounts)
            .Append(", State = ").Append(State)
            .Append(", Generation = ").Append(Generation)
            .Append(", Fingerprints = ").Append(Fingerprints);
        return true;
    }
}
