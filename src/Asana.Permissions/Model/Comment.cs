using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>A Merge-style comment: an Asana story of type comment. Visible exactly when its ticket is.</summary>
/// <param name="RemoteId">The story gid.</param>
/// <param name="User">The author's user gid, when known.</param>
/// <param name="Body">The plain text.</param>
/// <param name="HtmlBody">The rich text, when read.</param>
/// <param name="Ticket">The ticket (task gid) it was made on.</param>
/// <param name="CreatedAt">When it was made (Asana's <c>created_at</c>).</param>
/// <param name="Permissions">One object: <c>{INHERITED, applied_to_tickets: [Ticket]}</c>.</param>
public sealed record Comment(
    string RemoteId,
    string? User,
    string Body,
    string? HtmlBody,
    string Ticket,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<Permission> Permissions)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RemoteId = ").Append(RemoteId)
            .Append(", User = ").Append(User)
            .Append(", Body = ").Append(Body)
            .Append(", HtmlBody = ").Append(HtmlBody)
            .Append(", Ticket = ").Append(Ticket)
            .Append(", CreatedAt = ").Append(CreatedAt)
            .Append(", Permissions = ").AppendList(Permissions);
        return true;
    }
}
