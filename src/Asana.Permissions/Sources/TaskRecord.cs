using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Sources;

/// <summary>An Asana task or subtask with the fields that decide who can see it.</summary>
/// <param name="Gid">The task gid.</param>
/// <param name="Name">The task name.</param>
/// <param name="AssigneeGid">The assignee, if any.</param>
/// <param name="FollowerGids">The followers (Asana's collaborators).</param>
/// <param name="Memberships">The projects (and sections) the task is in; empty for a project-less task or a plain subtask.</param>
/// <param name="ParentGid">The parent task for a subtask; null otherwise.</param>
/// <param name="ModifiedAt">Asana's <c>modified_at</c>, if read.</param>
/// <param name="Notes">The task description (plain text), if read; used for search, never for permissions.</param>
/// <param name="Completed">Whether the task is completed.</param>
/// <param name="Details">Its content beyond permissions (dates, creator, link, tags), if read; never used for permissions.</param>
public sealed record TaskRecord(
    string Gid,
    string Name,
    string? AssigneeGid,
    IReadOnlyList<string> FollowerGids,
    IReadOnlyList<TaskPlacement> Memberships,
    string? ParentGid,
    DateTimeOffset? ModifiedAt = null,
    string? Notes = null,
    bool Completed = false,
    TaskDetails? Details = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Gid = ").Append(Gid)
            .Append(", Name = ").Append(Name)
            .Append(", AssigneeGid = ").Append(AssigneeGid)
            .Append(", FollowerGids = ").AppendList(FollowerGids)
            .Append(", Memberships = ").AppendList(Memberships)
            .Append(", ParentGid = ").Append(ParentGid)
            .Append(", ModifiedAt = ").Append(ModifiedAt)
            .Append(", Notes = ").Append(Notes)
            .Append(", Completed = ").Append(Completed)
            .Append(", Details = ").Append(Details);
        return true;
    }
}
