namespace Asana.Simulator.Model;

/// <summary>One entry of a task's memberships: a project and the section it is in there.</summary>
internal sealed record SimPlacement(string ProjectGid, string SectionGid);
