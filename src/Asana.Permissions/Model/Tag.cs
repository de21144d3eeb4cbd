namespace Asana.Permissions.Model;

/// <summary>A Merge-style tag: an Asana tag that some ticket carries.</summary>
/// <param name="RemoteId">The tag gid.</param>
/// <param name="Name">The tag name.</param>
public sealed record Tag(string RemoteId, string Name);
