namespace Asana.Permissions.Sources;

/// <summary>A user's membership of the workspace: the source of roles and of being active at all.</summary>
/// <param name="UserGid">The member's gid.</param>
/// <param name="IsActive">False for a deactivated or removed user, who then sees nothing.</param>
/// <param name="IsAdmin">Workspace admin (role ADMIN); grants no extra visibility.</param>
/// <param name="IsGuest">Organization guest (role GUEST): sees only what is explicitly shared.</param>
public sealed record WorkspaceMembershipRecord(string UserGid, bool IsActive, bool IsAdmin, bool IsGuest);
