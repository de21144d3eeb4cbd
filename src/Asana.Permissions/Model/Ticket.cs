using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>A Merge-style ticket: an Asana task or subtask.</summary>
/// <param name="RemoteId">The task gid.</param>
/// <param name="Name">The task name.</param>
/// <param name="TicketType"><c>task</c> or <c>subtask</c>.</param>
/// <param name="ParentTicket">The parent task gid for a subtask.</param>
/// <param name="Collections">The projects and sections the task is in.</param>
/// <param name="Assignees">The assignee, if any.</param>
/// <param name="Permissions">The permission objects, per the rules.</param>
/// <param name="RemoteUpdatedAt">Asana's <c>modified_at</c>.</param>
public sealed record Ticket(
    string RemoteId,
    string Name,
    string TicketType,
    string? ParentTicket,
    IReadOnlyList<string> Collections,
    IReadOnlyList<string> Assignees,
    IReadOnlyList<Permission> Permissions,
    DateTimeOffset? RemoteUpdatedAt)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RemoteId = ").Append(RemoteId)
            .Append(", Name = ").Append(Name)
            .Append(", TicketType = ").Append(TicketType)
            .Append(", ParentTicket = ").Append(ParentTicket)
            .Append(", Collections = ").AppendList(Collections)
            .Append(", Assignees = ").AppendList(Assignees)
            .Append(", Permissions = ").AppendList(Permissions)
            .Append(", RemoteUpdatedAt = ").Append(RemoteUpdatedAt);
        return true;
    }
}
