using System.Text;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>
/// Everything read of one ticket's comments and attachments: it replaces what the store held for that ticket (a comment
/// or attachment missing here was deleted in Asana).
/// </summary>
/// <param name="TicketGid">The task gid.</param>
/// <param name="Comments">Its comments, or null when comments were not read this time (keep what is stored).</param>
/// <param name="Attachments">Its attachments, or null when attachments were not read this time (keep what is stored).</param>
public sealed record TicketContentEntry(string TicketGid, IReadOnlyList<CommentEntry>? Comments, IReadOnlyList<AttachmentEntry>? Attachments)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("TicketGid = ").Append(TicketGid)
            .Append(", Comments = ").AppendList(Comments ?? [])
            .Append(", Attachments = ").AppendList(Attachments ?? []);
        return true;
    }
}
