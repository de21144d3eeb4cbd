namespace Asana.Permissions.Sources;

/// <summary>A user's membership of a team (guests included).</summary>
/// <param name="TeamGid">The team gid.</param>
/// <param name="UserGid">The member's gid.</param>
/// <param name="IsGuest">Whether the member is a guest in the team.</param>
/// <param name="IsLimitedAccess">
/// Asana's <c>is_limited_access</c>: the member sees only the team's projects and tasks they were added to themselves,
/// so this membership confers no team access (no <c>team:</c> token, no team-derived grant).
/// </param>
public sealed record TeamMembershipRecord(string TeamGid, string UserGid, bool IsGuest, bool IsLimitedAccess);
