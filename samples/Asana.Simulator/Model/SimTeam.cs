namespace Asana.Simulator.Model;

/// <summary>A team and its memberships, in insertion order.</summary>
internal sealed class SimTeam
{
    public required string Gid { get; init; }
    public required string Name { get; set; }
    public string Visibility { get; set; } = "public";
    public string? Description { get; set; }
    public List<SimTeamMembership> Members { get; } = [];
}
