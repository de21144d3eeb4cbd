namespace Asana.Simulator.Model;

/// <summary>A project held by a portfolio; with inherited access control the portfolio's members gain the project.</summary>
internal sealed class SimProjectPortfolioSetting
{
    public required string Gid { get; init; }
    public required string PortfolioGid { get; init; }
    public required string ProjectGid { get; init; }
    public bool IsAccessControlInherited { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
