using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>A task or subtask with the fields a permission sync needs.</summary>
/// <param name="Gid">The task gid.</param>
/// <param name="Name">The name.</param>
/// <param name="Notes">The plain-text description.</param>
/// <param name="Assignee">The assignee, or null.</param>
/// <param name="Followers">The followers (collaborators).</param>
/// <param name="Memberships">The projects and sections the task is in.</param>
/// <param name="Parent">The parent task for a subtask, or null.</param>
/// <param name="NumSubtasks">How many direct subtasks it has, when requested.</param>
/// <param name="ModifiedAt">Asana's <c>modified_at</c>.</param>
/// <param name="Completed">Whether the task is completed.</param>
/// <param name="ResourceSubtype">Asana's <c>resource_subtype</c> (open set).</param>
/// <param name="CreatedAt">Asana's <c>created_at</c>: what search results are paged by.</param>
public sealed record AsanaTask(
    string Gid,
    string? Name,
    string? Notes,
    AsanaReference? Assignee,
    IReadOnlyList<AsanaReference>? Followers,
    IReadOnlyList<AsanaTaskMembership>? Memberships,
    AsanaReference? Parent,
    int? NumSubtasks,
    DateTimeOffset? ModifiedAt,
    bool Completed = false,
    string? ResourceSubtype = null,
    DateTimeOffset? CreatedAt = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Gid = ").Append(Gid)
            .Append(", Name = ").Append(Name)
            .Append(", Notes = ").Append(Notes)
            .Append(", Assignee = ").Append(Assignee)
            .Append(", Followers = ").AppendList(Followers)
            .Append(", Memberships = ").AppendList(Memberships)
            .Append(", Parent = ").Append(Parent)
            .Append(", NumSubtasks = ").Append(NumSubtasks)
            .Append(", ModifiedAt = ").Append(ModifiedAt)
            .Append(", Completed = ").Append(Completed)
            .Append(", ResourceSubtype = ").Append(ResourceSubtype)
            .Append(", CreatedAt = ").Append(CreatedAt);
        return true;
    }
}
