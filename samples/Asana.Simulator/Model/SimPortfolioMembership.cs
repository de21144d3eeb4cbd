using Asana.Permissions.Sources;

namespace Asana.Simulator.Model;

/// <summary>A user or team that is a member of a portfolio.</summary>
internal sealed class SimPortfolioMembership
{
    public required string Gid { get; init; }
    public required string PortfolioGid { get; init; }
    public required string MemberGid { get; init; }
    public required MemberKind Kind { get; init; }
    public string AccessLevel { get; set; } = "editor";
}
