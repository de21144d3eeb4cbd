namespace Asana.Sync.Internal.Planning;

/// <summary>Why a stored task is re-read in an incremental sync.</summary>
internal enum RefetchReason
{
    /// <summary>No listing returned it any more: it may be deleted, moved, or aged out of the lookback window.</summary>
    Unlisted,

    /// <summary>An event named it: kept whatever its <c>modified_at</c>, which moves neither when a task joins nor leaves a project.</summary>
    Reported,
}
