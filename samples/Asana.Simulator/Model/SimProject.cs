namespace Asana.Simulator.Model;

/// <summary>A project: settings, members (users and teams), sections and its task list in priority order.</summary>
internal sealed class SimProject
{
    public required string Gid { get; init; }
    public required string Name { get; set; }
    public required string PrivacySetting { get; set; }
    public string? TeamGid { get; set; }
    public bool Archived { get; set; }
    public string Notes { get; set; } = "";
    public string? OwnerGid { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; set; }
    public List<SimProjectMembership> Members { get; } = [];
    public List<string> SectionGids { get; } = [];
    public List<string> TaskGids { get; } = [];
}
