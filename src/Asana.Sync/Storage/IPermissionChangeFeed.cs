namespace Asana.Sync.Storage;

/// <summary>
/// What changed in a workspace since a host last looked, for hosts that keep their own search index. Every commit (a
/// sync or a purge) takes the workspace's next sequence number; each ticket and collection it added, changed or removed
/// is reported once with that number, so a host keeps its index in step with one loop: read a page from its saved
/// cursor, apply it (upsert or drop each object), save <see cref="ChangePage.NextCursor"/>, repeat while
/// <see cref="ChangePage.HasMore"/>. An object unchanged by a sync (same fingerprint) is not reported again.
/// </summary>
public interface IPermissionChangeFeed
{
    /// <summary>
    /// The changes after <paramref name="cursor"/>, oldest first, at most <paramref name="limit"/> of them, each with the
    /// object's current Merge model and principal tokens. Read from one snapshot, so a page never mixes two commits'
    /// halves; a change seen once is reported again only if a later commit touches the object again.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cursor">A <see cref="ChangePage.NextCursor"/> of this workspace; null or empty for everything stored.</param>
    /// <param name="limit">The most changes to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="PermissionStoreException">
    /// <see cref="PermissionStoreError.InvalidCursor"/>: the cursor is not one of this store's, names another workspace,
    /// or is ahead of the store (a store restored from an older backup): read again from a null cursor.
    /// </exception>
    Task<ChangePage> GetChangesAsync(string workspaceGid, string? cursor, int limit, CancellationToken cancellationToken = default);
}
