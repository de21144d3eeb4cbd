namespace Asana.Client.Serialization;

/// <summary>Wire shape of a portfolio.</summary>
internal sealed record PortfolioDto(string? Gid, string? Name = null);
