using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>A Merge-style attachment: the metadata of a file attached to a task. Visible exactly when its ticket is.</summary>
/// <param name="RemoteId">The attachment gid.</param>
/// <param name="FileName">The file name.</param>
/// <param name="FileUrl">Asana's permanent URL (it needs an Asana login), when read.</param>
/// <param name="Ticket">The ticket (task gid) it is attached to.</param>
/// <param name="CreatedAt">When it was attached (Asana's <c>created_at</c>).</param>
/// <param name="Permissions">One object: <c>{INHERITED, applied_to_tickets: [Ticket]}</c>.</param>
public sealed record Attachment(
    string RemoteId,
    string FileName,
    string? FileUrl,
    string Ticket,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<Permission> Permissions)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RemoteId = ").Append(RemoteId)
            .Append(", FileName = ").Append(FileName)
            .Append(", FileUrl = ").Append(FileUrl)
            .Append(", Ticket = ").Append(Ticket)
            .Append(", CreatedAt = ").Append(CreatedAt)
            .Append(", Permissions = ").AppendList(Permissions);
        return true;
    }
}
