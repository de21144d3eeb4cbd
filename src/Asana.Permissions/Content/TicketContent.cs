using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Content;

/// <summary>
/// The comments and attachments of each task, kept apart from the permission graph: they grant nothing and are seen
/// exactly when their task is. Entries of a task that no longer exists are dropped when read, so removing a task tree
/// needs no walk here.
/// </summary>
internal sealed class TicketContent
{
    private readonly Dictionary<string, CommentRecord[]> _comments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttachmentRecord[]> _attachments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _commentTask = new(StringComparer.Ordinal);

    public TicketContent(WorkspaceData data)
    {
        foreach (var group in data.Comments.GroupBy(c => c.TaskGid, StringComparer.Ordinal))
        {
            ReplaceComments(group.Key, [.. group]);
        }

        foreach (var group in data.Attachments.GroupBy(a => a.TaskGid, StringComparer.Ordinal))
        {
            ReplaceAttachments(group.Key, [.. group]);
        }
    }

    public void ReplaceComments(string taskGid, IReadOnlyList<CommentRecord> comments)
    {
        if (_comments.Remove(taskGid, out var old))
        {
            foreach (var comment in old)
            {
                _commentTask.Remove(comment.Gid);
            }
        }

        var own = comments.Where(c => string.Equals(c.TaskGid, taskGid, StringComparison.Ordinal))
            .DistinctBy(c => c.Gid, StringComparer.Ordinal)
            .OrderBy(c => c.Gid, StringComparer.Ordinal)
            .ToArray();
        if (own.Length > 0)
        {
            _comments[taskGid] = own;
            foreach (var comment in own)
            {
                _commentTask[comment.Gid] = taskGid;
            }
        }
    }

    public void ReplaceAttachments(string taskGid, IReadOnlyList<AttachmentRecord> attachments)
    {
        _attachments.Remove(taskGid);
        var own = attachments.Where(a => string.Equals(a.TaskGid, taskGid, StringComparison.Ordinal))
            .DistinctBy(a => a.Gid, StringComparer.Ordinal)
            .OrderBy(a => a.Gid, StringComparer.Ordinal)
            .ToArray();
        if (own.Length > 0)
        {
            _attachments[taskGid] = own;
        }
    }

    public string? TaskOfComment(string commentGid) => _commentTask.GetValueOrDefault(commentGid);

    public IReadOnlyList<CommentRecord> CommentsOf(string taskGid) => _comments.GetValueOrDefault(taskGid) ?? [];

    public IReadOnlyList<AttachmentRecord> AttachmentsOf(string taskGid) => _attachments.GetValueOrDefault(taskGid) ?? [];

    public IEnumerable<CommentRecord> AllComments(Func<string, bool> taskExists) =>
        _comments.Where(pair => taskExists(pair.Key)).SelectMany(pair => pair.Value);

    public IEnumerable<AttachmentRecord> AllAttachments(Func<string, bool> taskExists) =>
        _attachments.Where(pair => taskExists(pair.Key)).SelectMany(pair => pair.Value);

    public static Comment ToComment(CommentRecord record) =>
        new(record.Gid, record.AuthorGid, record.Text, record.HtmlText, record.TaskGid, record.CreatedAt, [MergeShapes.InheritFromTicket(record.TaskGid)]);

    public static Attachment ToAttachment(AttachmentRecord record) =>
        new(record.Gid, record.Name, record.PermanentUrl, record.TaskGid, record.CreatedAt, [MergeShapes.InheritFromTicket(record.TaskGid)]);
}
