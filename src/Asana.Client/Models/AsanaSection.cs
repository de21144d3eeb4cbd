namespace Asana.Client.Models;

/// <summary>A section of a project.</summary>
/// <param name="Gid">The section gid.</param>
/// <param name="Name">The name.</param>
/// <param name="Project">The project, when requested.</param>
public sealed record AsanaSection(string Gid, string? Name, AsanaReference? Project = null);
