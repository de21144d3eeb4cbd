namespace Asana.Permissions.Sources;

/// <summary>An Asana tag, as a task references it (<c>task.tags</c>).</summary>
/// <param name="Gid">The tag gid.</param>
/// <param name="Name">The tag name.</param>
public sealed record TagRecord(string Gid, string Name);
