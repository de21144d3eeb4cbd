namespace Asana.Permissions.Sources;

/// <summary>A section of a project; visible exactly when its project is.</summary>
/// <param name="Gid">The section gid.</param>
/// <param name="Name">The section name.</param>
/// <param name="ProjectGid">The project holding the section.</param>
public sealed record SectionRecord(string Gid, string Name, string ProjectGid);
