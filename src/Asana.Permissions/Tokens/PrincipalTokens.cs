namespace Asana.Permissions;

/// <summary>
/// The principal tokens a search index stores on tickets and matches against a user's tokens: a user may see a
/// ticket exactly when the ticket's tokens and the user's tokens intersect.
/// </summary>
public static class PrincipalTokens
{
    /// <summary>The token of one user: <c>user:&lt;gid&gt;</c>.</summary>
    /// <param name="userGid">The user gid.</param>
    /// <returns>The token.</returns>
    public static string ForUser(string userGid) => "user:" + userGid;

    /// <summary>The token every member of a team holds: <c>team:&lt;gid&gt;</c>.</summary>
    /// <param name="teamGid">The team gid.</param>
    /// <returns>The token.</returns>
    public static string ForTeam(string teamGid) => "team:" + teamGid;

    /// <summary>
    /// The token of a workspace role, scoped by workspace because one store can hold several:
    /// <c>role:&lt;workspaceGid&gt;:&lt;role&gt;</c>. Only <c>MEMBER</c> and <c>ADMIN</c> are ever issued.
    /// </summary>
    /// <param name="workspaceGid">The workspace gid.</param>
    /// <param name="roleId">The role id (<see cref="Model.RoleIds"/>).</param>
    /// <returns>The token.</returns>
    public static string ForRole(string workspaceGid, string roleId) => "role:" + workspaceGid + ":" + roleId;
}
