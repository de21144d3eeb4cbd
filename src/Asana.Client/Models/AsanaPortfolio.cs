namespace Asana.Client.Models;

/// <summary>A portfolio, from <c>GET /portfolios?workspace=</c>.</summary>
/// <param name="Gid">The portfolio gid.</param>
/// <param name="Name">The name.</param>
public sealed record AsanaPortfolio(string Gid, string? Name);
