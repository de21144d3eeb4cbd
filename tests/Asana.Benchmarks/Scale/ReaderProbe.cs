using Asana.Sync.Storage;

namespace Asana.Benchmarks.Scale;

/// <summary>
/// The query probes bound to a store's read contracts, <see cref="IPermissionReader"/> and
/// <see cref="IPermissionChangeFeed"/> (both stores serve them).
/// </summary>
internal static class ReaderProbe
{
    public static StoreProbe For(string storeType, IPermissionReader reader, IPermissionChangeFeed feed, string workspaceGid) => new(
        $"{storeType} through IPermissionReader: CanViewAsync / ListAccessibleAsync / SearchAsync (limit 20); IPermissionChangeFeed.GetChangesAsync (pages of 1,000 from a null cursor)",
        (user, ticket, ct) => reader.CanViewAsync(workspaceGid, user, ticket, ct),
        async (user, ct) => (await reader.ListAccessibleAsync(workspaceGid, user, ct)).Count,
        async (user, text, ct) => (await reader.SearchAsync(workspaceGid, user, text, 20, ct)).Count,
        async (cursor, limit, ct) =>
        {
            var page = await feed.GetChangesAsync(workspaceGid, cursor, limit, ct);
            return (page.Changes.Count(c => c.Kind == ChangeKind.Ticket), page.HasMore ? page.NextCursor : null);
        });
}
