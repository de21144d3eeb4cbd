namespace Asana.Simulator.Model;

/// <summary>A user's membership of a team.</summary>
internal sealed class SimTeamMembership
{
    public required string Gid { get; init; }
    public required string TeamGid { get; init; }
    public required string UserGid { get; init; }
    public bool IsGuest { get; set; }
    public bool IsAdmin { get; set; }
}
