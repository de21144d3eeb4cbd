namespace Asana.Permissions.Sources;

/// <summary>
/// An Asana portfolio. Its members gain access to every project whose portfolio setting inherits access control
/// (<see cref="ProjectPortfolioSettingRecord.IsAccessControlInherited"/>).
/// </summary>
/// <param name="Gid">The portfolio gid.</param>
/// <param name="Name">The portfolio name.</param>
public sealed record PortfolioRecord(string Gid, string Name);
