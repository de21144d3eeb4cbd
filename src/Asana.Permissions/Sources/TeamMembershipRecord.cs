namespace Asana.Permissions.Sources;

/// <summary>A user's membership of a team (guests included).</summary>
/// <param name="TeamGid">The team gid.</param>
/// <param name="UserGid">The member's gid.</param>
/// <param name="IsGuest">Whether the member is a guest in the team.</param>
public sealed record TeamMembershipRecord(string TeamGid, string UserGid, bool IsGuest);
