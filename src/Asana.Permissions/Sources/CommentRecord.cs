namespace Asana.Permissions.Sources;

/// <summary>An Asana story of type <c>comment</c> on a task.</summary>
/// <param name="Gid">The story gid.</param>
/// <param name="TaskGid">The task it was made on.</param>
/// <param name="AuthorGid">Asana's <c>created_by</c>, when known.</param>
/// <param name="Text">The plain text.</param>
/// <param name="HtmlText">The rich text, when read.</param>
/// <param name="CreatedAt">Asana's <c>created_at</c>.</param>
public sealed record CommentRecord(string Gid, string TaskGid, string? AuthorGid, string Text, string? HtmlText, DateTimeOffset? CreatedAt);
