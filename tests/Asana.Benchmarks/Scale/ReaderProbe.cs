using Asana.Sync.Storage;

namespace Asana.Benchmarks.Scale;

/// <summary>The query probes bound to a store's read contract, <see cref="IPermissionReader"/> (both stores serve it).</summary>
internal static class ReaderProbe
{
    public static StoreProbe For(string storeType, IPermissionReader reader, string workspaceGid) => new(
        $"{storeType} through IPermissionReader: CanViewAsync / ListAccessibleAsync / SearchAsync (limit 20); feed not bound",
        (user, ticket, ct) => reader.CanViewAsync(workspaceGid, user, ticket, ct),
        async (user, ct) => (await reader.ListAccessibleAsync(workspaceGid, user, ct)).Count,
        async (user, text, ct) => (await reader.SearchAsync(workspaceGid, user, text, 20, ct)).Count,
        // Bind IPermissionChangeFeed.GetChangesAsync(workspace, cursor, limit) here when it lands.
        null);
}
