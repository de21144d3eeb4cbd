namespace Asana.Simulator.Model;

/// <summary>A portfolio: its owner, its members (users and teams) and the projects it holds.</summary>
internal sealed class SimPortfolio
{
    public required string Gid { get; init; }
    public required string Name { get; set; }
    public required string OwnerGid { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<SimPortfolioMembership> Members { get; } = [];
    public List<SimProjectPortfolioSetting> Items { get; } = [];
}
