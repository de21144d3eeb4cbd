using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Internal;

/// <summary>
/// Forwards a unit of work to a real one and records, per kind of row (users, teams, collections, tickets,
/// portfolios), the gids it was asked to upsert and to delete, in call order. <paramref name="dropFingerprints"/>
/// passes the entries on without their fingerprints, like a store that does not keep them.
/// </summary>
internal sealed class RecordingWriter(IPermissionStoreWriter inner, bool dropFingerprints) : IPermissionStoreWriter
{
    public Dictionary<string, List<string>> Upserted { get; } = NewLog();

    public Dictionary<string, List<string>> Deleted { get; } = NewLog();

    public bool Cleared { get; private set; }

    public string WorkspaceGid => inner.WorkspaceGid;

    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        Cleared = true;
        return inner.ClearAsync(cancellationToken);
    }

    public Task WriteWorkspaceAsync(WorkspaceRecord workspace, IReadOnlyList<Role> roles, CancellationToken cancellationToken = default) =>
        inner.WriteWorkspaceAsync(workspace, roles, cancellationToken);

    public Task UpsertUsersAsync(IReadOnlyList<UserEntry> users, CancellationToken cancellationToken = default)
    {
        Upserted["users"].AddRange(users.Select(u => u.Source.Gid));
        return inner.UpsertUsersAsync(dropFingerprints ? [.. users.Select(u => u with { Fingerprint = null })] : users, cancellationToken);
    }

    public Task DeleteUsersAsync(IReadOnlyList<string> userGids, CancellationToken cancellationToken = default)
    {
        Deleted["users"].AddRange(userGids);
        return inner.DeleteUsersAsync(userGids, cancellationToken);
    }

    public Task UpsertTeamsAsync(IReadOnlyList<TeamEntry> teams, CancellationToken cancellationToken = default)
    {
        Upserted["teams"].AddRange(teams.Select(t => t.Source.Gid));
        return inner.UpsertTeamsAsync(dropFingerprints ? [.. teams.Select(t => t with { Fingerprint = null })] : teams, cancellationToken);
    }

    public Task DeleteTeamsAsync(IReadOnlyList<string> teamGids, CancellationToken cancellationToken = default)
    {
        Deleted["teams"].AddRange(teamGids);
        return inner.DeleteTeamsAsync(teamGids, cancellationToken);
    }

    public Task UpsertPortfoliosAsync(IReadOnlyList<PortfolioEntry> portfolios, CancellationToken cancellationToken = default)
    {
        Upserted["portfolios"].AddRange(portfolios.Select(p => p.Source.Gid));
        return inner.UpsertPortfoliosAsync(dropFingerprints ? [.. portfolios.Select(p => p with { Fingerprint = null })] : portfolios, cancellationToken);
    }

    public Task DeletePortfoliosAsync(IReadOnlyList<string> portfolioGids, CancellationToken cancellationToken = default)
    {
        Deleted["portfolios"].AddRange(portfolioGids);
        return inner.DeletePortfoliosAsync(portfolioGids, cancellationToken);
    }

    public Task UpsertCollectionsAsync(IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken = default)
    {
        Upserted["collections"].AddRange(collections.Select(c => c.Model.RemoteId));
        return inner.UpsertCollectionsAsync(dropFingerprints ? [.. collections.Select(c => c with { Fingerprint = null })] : collections, cancellationToken);
    }

    public Task DeleteCollectionsAsync(IReadOnlyList<string> collectionGids, CancellationToken cancellationToken = default)
    {
        Deleted["collections"].AddRange(collectionGids);
        return inner.DeleteCollectionsAsync(collectionGids, cancellationToken);
    }

    public Task UpsertTicketsAsync(IReadOnlyList<TicketEntry> tickets, CancellationToken cancellationToken = default)
    {
        Upserted["tickets"].AddRange(tickets.Select(t => t.Source.Gid));
        return inner.UpsertTicketsAsync(dropFingerprints ? [.. tickets.Select(t => t with { Fingerprint = null })] : tickets, cancellationToken);
    }

    public Task DeleteTicketsAsync(IReadOnlyList<string> ticketGids, CancellationToken cancellationToken = default)
    {
        Deleted["tickets"].AddRange(ticketGids);
        return inner.DeleteTicketsAsync(ticketGids, cancellationToken);
    }

    public Task WriteSyncStateAsync(SyncState state, CancellationToken cancellationToken = default) => inner.WriteSyncStateAsync(state, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static Dictionary<string, List<string>> NewLog() => Sqlite.StoreSnapshot.Kinds.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
}
