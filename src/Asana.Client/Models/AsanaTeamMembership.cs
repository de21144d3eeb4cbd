namespace Asana.Client.Models;

/// <summary>A user's membership of a team.</summary>
/// <param name="Gid">The membership gid.</param>
/// <param name="User">The member.</param>
/// <param name="Team">The team.</param>
/// <param name="IsGuest">Guest in the team.</param>
/// <param name="IsAdmin">Team admin.</param>
/// <param name="IsLimitedAccess">Limited-access member.</param>
public sealed record AsanaTeamMembership(string Gid, AsanaReference User, AsanaReference Team, bool IsGuest, bool IsAdmin, bool IsLimitedAccess);
