namespace Asana.Client.Models;

/// <summary>One entry of <c>task.memberships</c>.</summary>
/// <param name="Project">The project.</param>
/// <param name="Section">The section within it.</param>
public sealed record AsanaTaskMembership(AsanaReference? Project, AsanaReference? Section);
