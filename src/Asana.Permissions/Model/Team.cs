namespace Asana.Permissions.Model;

/// <summary>A Merge-style team.</summary>
/// <param name="RemoteId">The team gid.</param>
/// <param name="Name">The team name.</param>
/// <param name="Description">The team description, if read.</param>
public sealed record Team(string RemoteId, string Name, string? Description = null);
