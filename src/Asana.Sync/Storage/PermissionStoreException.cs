using System.Globalization;

namespace Asana.Sync.Storage;

/// <summary>
/// A store refused an operation and changed nothing: a commit that lost to another sync or to a purge, a lease held by
/// another sync, or a file it cannot use. <see cref="Error"/> says which; the message is one line.
/// </summary>
public sealed class PermissionStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PermissionStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public PermissionStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public PermissionStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the store refused.</param>
    /// <param name="message">What happened, in one line.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PermissionStoreException(PermissionStoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Why the store refused.</summary>
    public PermissionStoreError Error { get; }

    /// <summary>The workspace concerned, when there is one.</summary>
    public string? WorkspaceGid { get; init; }

    /// <summary>The holder of the lease, for <see cref="PermissionStoreError.LeaseHeld"/>.</summary>
    public SyncLease? HeldBy { get; init; }

    /// <summary>
    /// What a store throws when another sync holds the workspace's lease: <see cref="PermissionStoreError.LeaseHeld"/>,
    /// naming the holder and its times. Every store words it the same, so hosts and tests see one message.
    /// </summary>
    /// <param name="held">The lease that is still running.</param>
    public static PermissionStoreException LeaseHeldBy(SyncLease held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return new PermissionStoreException(
            PermissionStoreError.LeaseHeld,
            string.Create(CultureInfo.InvariantCulture, $"Workspace {held.WorkspaceGid} is being synced by {held.Owner} since {held.AcquiredAt:u} (lease until {held.ExpiresAt:u})."))
        {
            WorkspaceGid = held.WorkspaceGid,
            HeldBy = held,
        };
    }

    /// <summary>
    /// What a store's commit throws when the workspace's generation moved since the sync began:
    /// <see cref="PermissionStoreError.Purged"/> after a purge, else <see cref="PermissionStoreError.Conflict"/>.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="currentGeneration">Its generation now.</param>
    /// <param name="expectedGeneration">The generation the sync started from.</param>
    /// <param name="purged">Whether the last change was a purge.</param>
    public static PermissionStoreException Superseded(string workspaceGid, long currentGeneration, long expectedGeneration, bool purged) =>
        purged
            ? new PermissionStoreException(PermissionStoreError.Purged, $"Workspace {workspaceGid} was purged while this sync ran; the sync committed nothing and the purge stands.") { WorkspaceGid = workspaceGid }
            : new PermissionStoreException(
                PermissionStoreError.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Workspace {workspaceGid} was committed by another sync while this one ran (generation {currentGeneration}, this sync started from {expectedGeneration}); this sync committed nothing."))
            {
                WorkspaceGid = workspaceGid,
            };
}
