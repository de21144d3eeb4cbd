namespace Asana.Permissions.Sources;

/// <summary>One entry of <c>task.memberships</c>: a project the task is in, and its section there.</summary>
/// <param name="ProjectGid">The project gid.</param>
/// <param name="SectionGid">The section gid, if Asana reported one.</param>
public sealed record TaskPlacement(string ProjectGid, string? SectionGid);
