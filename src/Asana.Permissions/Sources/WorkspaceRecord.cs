namespace Asana.Permissions.Sources;

/// <summary>An Asana workspace or organization, as read from <c>GET /workspaces/{gid}</c>.</summary>
/// <param name="Gid">The workspace gid.</param>
/// <param name="Name">The workspace name.</param>
/// <param name="IsOrganization">True for an organization (has teams and guests); false for a plain workspace.</param>
public sealed record WorkspaceRecord(string Gid, string Name, bool IsOrganization);
