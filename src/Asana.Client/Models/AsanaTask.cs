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
/// <param name="CompletedAt">Asana's <c>completed_at</c>, when completed.</param>
/// <param name="DueOn">Asana's <c>due_on</c> (a date, <c>yyyy-MM-dd</c>), as sent.</param>
/// <param name="DueAt">Asana's <c>due_at</c> (a moment).</param>
/// <param name="CreatedBy">Asana's <c>created_by</c>.</param>
/// <param name="PermalinkUrl">Asana's <c>permalink_url</c>.</param>
/// <param name="Tags">The task's tags, with their names.</param>
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
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? DueOn = null,
    DateTimeOffset? DueAt = null,
    AsanaReference? CreatedBy = null,
    string? PermalinkUrl = null,
    IReadOnlyList<AsanaReference>? Tags = null)
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
            .Append(", CreatedAt = ").Append(CreatedAt)
            .Append(", CompletedAt = ").Append(CompletedAt)
            .Append(", DueOn = ").Append(DueOn)
            .Append(", DueAt = ").Append(DueAt)
            .Append(", CreatedBy = ").Append(CreatedBy)
            .Append(", PermalinkUrl = ").Append(PermalinkUrl)
            .Append(", Tags = ").AppendList(Tags);
        return true;
    }
}
