namespace Asana.Permissions.Sources;

/// <summary>A user or team that is a member of a project, from <c>GET /memberships?parent={project}</c>.</summary>
/// <param name="ProjectGid">The project gid.</param>
/// <param name="MemberGid">The user or team gid.</param>
/// <param name="MemberKind">Whether <paramref name="MemberGid"/> is a user or a team.</param>
public sealed record ProjectMembershipRecord(string ProjectGid, string MemberGid, MemberKind MemberKind);
