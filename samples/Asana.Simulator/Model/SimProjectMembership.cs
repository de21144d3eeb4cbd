using Asana.Permissions.Sources;

namespace Asana.Simulator.Model;

/// <summary>A user or team that is a member of a project.</summary>
internal sealed class SimProjectMembership
{
    public required string Gid { get; init; }
    public required string ProjectGid { get; init; }
    public required string MemberGid { get; init; }
    public required MemberKind Kind { get; init; }
    public string AccessLevel { get; set; } = "editor";
}
