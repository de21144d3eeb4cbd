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
/// <param name="Description">The plain-text description (Asana's <c>notes</c>), when read.</param>
/// <param name="Status"><see cref="TicketStatus.Closed"/> when the task is completed.</param>
/// <param name="CompletedAt">When it was completed (Asana's <c>completed_at</c>).</param>
/// <param name="DueDate">Asana's <c>due_at</c>, or else its <c>due_on</c> at midnight UTC.</param>
/// <param name="Creator">The user gid who created it (Asana's <c>created_by</c>), when known.</param>
/// <param name="TicketUrl">The link to cite (Asana's <c>permalink_url</c>), when read.</param>
/// <param name="Tags">The tag gids, in the order Asana lists them.</param>
/// <param name="RemoteCreatedAt">Asana's <c>created_at</c>.</param>
public sealed record Ticket(
    string RemoteId,
    string Name,
    string TicketType,
    string? ParentTicket,
    IReadOnlyList<string> Collections,
    IReadOnlyList<string> Assignees,
    IReadOnlyList<Permission> Permissions,
    DateTimeOffset? RemoteUpdatedAt,
    string? Description,
    TicketStatus Status,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DueDate,
    string? Creator,
    string? TicketUrl,
    IReadOnlyList<string> Tags,
    DateTimeOffset? RemoteCreatedAt)
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
            .Append(", RemoteUpdatedAt = ").Append(RemoteUpdatedAt)
            .Append(", Description = ").Append(Description)
            .Append(", Status = ").Append(Status)
            .Append(", CompletedAt = ").Append(CompletedAt)
            .Append(", DueDate = ").Append(DueDate)
            .Append(", Creator = ").Append(Creator)
            .Append(", TicketUrl = ").Append(TicketUrl)
            .Append(", Tags = ").AppendList(Tags)
            .Append(", RemoteCreatedAt = ").Append(RemoteCreatedAt);
        return true;
    }
}
