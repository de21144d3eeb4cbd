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
}
