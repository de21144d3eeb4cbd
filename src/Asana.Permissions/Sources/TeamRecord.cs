namespace Asana.Permissions.Sources;

/// <summary>A team of an organization.</summary>
/// <param name="Gid">The team gid.</param>
/// <param name="Name">The team name.</param>
/// <param name="Description">The team description (plain text), if read.</param>
public sealed record TeamRecord(string Gid, string Name, string? Description = null);
