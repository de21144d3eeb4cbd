namespace Asana.Sync.Storage;

/// <summary>Why a <see cref="PermissionStoreException"/> was thrown.</summary>
public enum PermissionStoreError
{
    /// <summary>Another sync committed the workspace after this one loaded it: this one committed nothing.</summary>
    Conflict,

    /// <summary>The workspace was purged after this sync loaded it: this sync committed nothing, and the purge stands.</summary>
    Purged,

    /// <summary>Another sync holds the workspace's sync lease.</summary>
    LeaseHeld,

    /// <summary>The file is not a store of this library (another application's database, or not a database at all).</summary>
    NotAStore,

    /// <summary>The store was written by a newer version of this library.</summary>
    NewerVersion,

    /// <summary>The store needs a migration that a read-only open may not run.</summary>
    OlderVersion,

    /// <summary>There is no store (a read-only open never creates one).</summary>
    Missing,

    /// <summary>A write was attempted through a store opened read-only.</summary>
    ReadOnly,

    /// <summary>
    /// A change feed cursor that is not this store's, names another workspace, or is ahead of the store: read the feed
    /// again from the start.
    /// </summary>
    InvalidCursor,
}
