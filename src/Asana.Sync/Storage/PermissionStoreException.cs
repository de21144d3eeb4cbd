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
}
