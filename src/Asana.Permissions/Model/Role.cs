namespace Asana.Permissions.Model;

/// <summary>A Merge-style role: one of the workspace roles ADMIN, MEMBER, GUEST.</summary>
/// <param name="RemoteId">The role id (<see cref="RoleIds"/>).</param>
/// <param name="Name">A display name.</param>
public sealed record Role(string RemoteId, string Name);
