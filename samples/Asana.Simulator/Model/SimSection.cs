namespace Asana.Simulator.Model;

/// <summary>A section of a project.</summary>
internal sealed class SimSection
{
    public required string Gid { get; init; }
    public required string Name { get; set; }
    public required string ProjectGid { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
