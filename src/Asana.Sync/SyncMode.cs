namespace Asana.Sync;

/// <summary>Which kind of sync to run.</summary>
public enum SyncMode
{
    /// <summary>Incremental when the store holds a previous sync of the workspace (with event tokens), else full.</summary>
    Auto,

    /// <summary>Read everything again and replace the workspace's rows.</summary>
    Full,

    /// <summary>Re-read permission-bearing data, apply task changes from the Events API. Falls back to full without a previous sync.</summary>
    Incremental,

    /// <summary>
    /// A targeted refresh (<see cref="AsanaSyncEngine.RefreshAsync"/>): only what its scope names was read again. Appears in
    /// <see cref="SyncResult.Mode"/>; <see cref="AsanaSyncEngine.SyncAsync"/> does not take it.
    /// </summary>
    Refresh,
}
