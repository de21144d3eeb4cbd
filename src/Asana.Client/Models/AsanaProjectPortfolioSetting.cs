namespace Asana.Client.Models;

/// <summary>
/// How a project sits in a portfolio, from <c>GET /portfolios/{portfolio_gid}/project_portfolio_settings</c>: whether the
/// portfolio's members gain access to the project.
/// </summary>
/// <param name="Gid">The setting's gid.</param>
/// <param name="Project">The project.</param>
/// <param name="Portfolio">The portfolio (the one the request named when Asana leaves it out).</param>
/// <param name="IsAccessControlInherited">
/// True when the portfolio's members gain access to the project. A record without the field reads as false: it grants nothing.
/// </param>
public sealed record AsanaProjectPortfolioSetting(string Gid, AsanaReference Project, AsanaReference Portfolio, bool IsAccessControlInherited);
