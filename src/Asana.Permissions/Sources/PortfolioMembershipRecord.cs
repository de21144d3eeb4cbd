namespace Asana.Permissions.Sources;

/// <summary>A user or team that is a member of a portfolio, from <c>GET /memberships?parent={portfolio}</c>.</summary>
/// <param name="PortfolioGid">The portfolio gid.</param>
/// <param name="MemberGid">The user or team gid.</param>
/// <param name="MemberKind">Whether <paramref name="MemberGid"/> is a user or a team.</param>
public sealed record PortfolioMembershipRecord(string PortfolioGid, string MemberGid, MemberKind MemberKind);
