using Asana.Permissions;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>
/// The questions a host asks of a store, answered from what the last committed sync wrote: the verbs of
/// <see cref="WorkspacePermissions"/> with the workspace named explicitly. Trimming (<see cref="CanViewAsync"/>,
/// <see cref="ListAccessibleAsync"/>, <see cref="SearchAsync"/>) is a join of the user's principal tokens with the
/// tickets'; <see cref="ExplainAsync"/> answers with the permission engine itself, rebuilt from the stored records, and
/// the two always agree. Users are named by gid or email address (case-insensitive), as
/// <see cref="WorkspacePermissions.ResolveUser"/> reads them; an unknown or deactivated user sees nothing, and a
/// workspace the store does not hold answers like an empty one. Implemented by
/// <see cref="Asana.Sync.Sqlite.SqlitePermissionStore"/> and the PostgreSQL store.
/// </summary>
public interface IPermissionReader
{
    /// <summary>The workspaces held by the store, ordered by gid.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<WorkspaceRecord>> ListWorkspacesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves a user gid or email address to the user gid; null when unknown. A gid wins over an email; an email several
    /// users share names none of them.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<string?> ResolveUserAsync(string workspaceGid, string user, CancellationToken cancellationToken = default);

    /// <summary>Whether the user may see the ticket: false for an unknown or deactivated user and for an unknown ticket.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="ticketGid">The task gid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<bool> CanViewAsync(string workspaceGid, string user, string ticketGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// May the user see the ticket, through which grants, or why not: the engine's own decision, allowed exactly when
    /// <see cref="CanViewAsync"/> is true.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="ticketGid">The task gid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<AccessDecision> ExplainAsync(string workspaceGid, string user, string ticketGid, CancellationToken cancellationToken = default);

    /// <summary>The gids of the tickets the user may see, in ordinal order; empty for an unknown or deactivated user.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<IReadOnlyList<string>> ListAccessibleAsync(string workspaceGid, string user, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ListAccessibleAsync"/> for every user of the workspace at once, from one consistent state: user gid
    /// (ordinal order) → ticket gids (ordinal order); a deactivated user maps to nothing.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAccessibleForAllUsersAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>Every active user who may see the ticket, in ordinal order; empty for an unknown ticket.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="ticketGid">The task gid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> ListPrincipalsAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default);

    /// <summary>The principal tokens of a ticket, distinct, in ordinal order; empty for an unknown ticket.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="ticketGid">The task gid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> GetTicketPrincipalTokensAsync(string workspaceGid, string ticketGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The principal tokens a user holds, distinct, in ordinal order (the user may see a ticket exactly when they
    /// intersect its tokens); empty for an unknown or deactivated user.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<IReadOnlyList<string>> GetUserPrincipalTokensAsync(string workspaceGid, string user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Full-text search over task names and notes, trimmed to what the user may see in the same query. Every word of
    /// <paramref name="text"/> must match (prefix match on the last one); control characters separate words like spaces.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="user">User gid or email.</param>
    /// <param name="text">The words to look for.</param>
    /// <param name="limit">At most this many hits, best first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string workspaceGid, string user, string text, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the Merge-shaped export <c>{"workspace","roles","users","teams","collections","tickets","tags"}</c> of one
    /// workspace straight from the stored rows, in ordinal order of remote id.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    /// <param name="indented">Pretty-print.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The workspace is not in the store.</exception>
    Task WriteExportAsync(string workspaceGid, Stream destination, bool indented = false, CancellationToken cancellationToken = default);
}
