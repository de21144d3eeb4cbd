namespace Asana.Sync.Storage;

/// <summary>
/// The unit of work of one sync. Upserts replace the whole object (its permission objects and principal tokens
/// included); deletes remove the object and everything hanging off it. Nothing is visible before
/// <see cref="CommitAsync"/>; <see cref="IAsyncDisposable.DisposeAsync"/> without a commit rolls back.
/// Calls are made one at a time (never concurrently).
/// </summary>
public interface IPermissionStoreWriter : IAsyncDisposable
{
    /// <summary>The workspace this unit of work writes.</summary>
    string WorkspaceGid { get; }

    /// <summary>Removes everything stored for the workspace (a full sync then writes it all again).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the workspace itself and its roles.</summary>
    /// <param name="workspace">The workspace record.</param>
    /// <param name="roles">The Merge roles (ADMIN, MEMBER, GUEST).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task WriteWorkspaceAsync(Asana.Permissions.Sources.WorkspaceRecord workspace, IReadOnlyList<Asana.Permissions.Model.Role> roles, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces users.</summary>
    /// <param name="users">The users.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpsertUsersAsync(IReadOnlyList<UserEntry> users, CancellationToken cancellationToken = default);

    /// <summary>Removes users by gid.</summary>
    /// <param name="userGids">The users.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteUsersAsync(IReadOnlyList<string> userGids, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces teams with their memberships.</summary>
    /// <param name="teams">The teams.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpsertTeamsAsync(IReadOnlyList<TeamEntry> teams, CancellationToken cancellationToken = default);

    /// <summary>Removes teams (and their memberships) by gid.</summary>
    /// <param name="teamGids">The teams.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteTeamsAsync(IReadOnlyList<string> teamGids, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces portfolios with their memberships and project settings.</summary>
    /// <param name="portfolios">The portfolios.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpsertPortfoliosAsync(IReadOnlyList<PortfolioEntry> portfolios, CancellationToken cancellationToken = default);

    /// <summary>Removes portfolios (and their memberships and project settings) by gid.</summary>
    /// <param name="portfolioGids">The portfolios.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeletePortfoliosAsync(IReadOnlyList<string> portfolioGids, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces collections (projects with their memberships, sections).</summary>
    /// <param name="collections">The collections.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpsertCollectionsAsync(IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken = default);

    /// <summary>Removes collections by gid (a project's memberships and sync token go with it).</summary>
    /// <param name="collectionGids">The collections.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteCollectionsAsync(IReadOnlyList<string> collectionGids, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces tickets (tasks and subtasks), with their principal tokens and searchable text.</summary>
    /// <param name="tickets">The tickets.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpsertTicketsAsync(IReadOnlyList<TicketEntry> tickets, CancellationToken cancellationToken = default);

    /// <summary>Removes tickets by gid.</summary>
    /// <param name="ticketGids">The tickets.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteTicketsAsync(IReadOnlyList<string> ticketGids, CancellationToken cancellationToken = default);

    /// <summary>Replaces the sync state (checkpoints and per-project event sync tokens).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task WriteSyncStateAsync(SyncState state, CancellationToken cancellationToken = default);

    /// <summary>Makes everything written through this unit of work visible at once.</summary>
    /// <param name="cancellationToken">Cancels the commit (before it starts).</param>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
