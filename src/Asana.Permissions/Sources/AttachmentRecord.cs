namespace Asana.Permissions.Sources;

/// <summary>An attachment of a task: its metadata only, never its file.</summary>
/// <param name="Gid">The attachment gid.</param>
/// <param name="TaskGid">The task it is attached to (Asana's <c>parent</c>).</param>
/// <param name="Name">The file name.</param>
/// <param name="PermanentUrl">Asana's <c>permanent_url</c>: a link that needs an Asana login and never expires.</param>
/// <param name="CreatedAt">Asana's <c>created_at</c>.</param>
public sealed record AttachmentRecord(string Gid, string TaskGid, string Name, string? PermanentUrl, DateTimeOffset? CreatedAt);
