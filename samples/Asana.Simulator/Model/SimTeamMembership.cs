namespace Asana.Simulator.Model;

/// <summary>A user's membership of a team.</summary>
internal sealed class SimTeamMembership
{
    public required string Gid { get; init; }
    public required string TeamGid { get; init; }
    public required string UserGid { get; init; }
    public bool IsGuest { get; set; }
    public bool IsAdmin { get; set; }

    /// <summary>Asana's <c>is_limited_access</c>: the member sees only the team's projects and tasks they were added to themselves.</summary>
    public bool IsLimitedAccess { get; set; }
}
