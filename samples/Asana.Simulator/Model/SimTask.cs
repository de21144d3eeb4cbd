namespace Asana.Simulator.Model;

/// <summary>A task or subtask.</summary>
internal sealed class SimTask
{
    public required string Gid { get; init; }

    /// <summary>Creation order: lists that follow <c>TaskList</c> order (the assigned tasks of a user) sort by it.</summary>
    public long Ordinal { get; init; }
    public required string Name { get; set; }
    public string Notes { get; set; } = "";
    public string? AssigneeGid { get; set; }
    public List<string> Followers { get; } = [];
    public List<SimPlacement> Memberships { get; } = [];
    public string? ParentGid { get; set; }
    public List<string> Subtasks { get; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; set; }

    /// <summary>
    /// When the task last joined or left a project or section. Not <see cref="ModifiedAt"/> (Asana's
    /// <c>modified_at</c> ignores "moving to a new container"), yet <c>GET /tasks?modified_since=</c> counts it.
    /// </summary>
    public DateTimeOffset? AssociationsModifiedAt { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string ResourceSubtype { get; set; } = "default_task";
    public string? CreatedByGid { get; set; }
    public string? DueOn { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public List<string> TagGids { get; } = [];
}
