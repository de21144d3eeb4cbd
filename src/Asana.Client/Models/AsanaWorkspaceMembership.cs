namespace Asana.Client.Models;

/// <summary>A user's membership of a workspace.</summary>
/// <param name="Gid">The membership gid.</param>
/// <param name="User">The member.</param>
/// <param name="IsActive">False for a deactivated or removed member.</param>
/// <param name="IsAdmin">Workspace admin.</param>
/// <param name="IsGuest">Organization guest.</param>
public sealed record AsanaWorkspaceMembership(string Gid, AsanaReference User, bool IsActive, bool IsAdmin, bool IsGuest);
