namespace Asana.Sync.Storage;

/// <summary>What kind of object a change feed entry (<see cref="ObjectChange"/>) is.</summary>
public enum ChangeKind
{
    /// <summary>A Merge ticket (an Asana task or subtask).</summary>
    Ticket,

    /// <summary>A Merge collection (an Asana project or section).</summary>
    Collection,
}
