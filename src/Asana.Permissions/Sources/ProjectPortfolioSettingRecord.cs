namespace Asana.Permissions.Sources;

/// <summary>
/// A project held by a portfolio, from <c>GET /portfolios/{gid}/project_portfolio_settings</c>.
/// </summary>
/// <param name="PortfolioGid">The portfolio gid.</param>
/// <param name="ProjectGid">The project gid.</param>
/// <param name="IsAccessControlInherited">
/// Asana's <c>is_access_control_inherited</c>: when true, the portfolio's members gain access to the project.
/// </param>
public sealed record ProjectPortfolioSettingRecord(string PortfolioGid, string ProjectGid, bool IsAccessControlInherited);
