using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A comment as stored: its Asana story and its Merge shape. It is visible exactly when its ticket is.</summary>
/// <param name="Source">The Asana comment (its text feeds the full-text index, under its ticket).</param>
/// <param name="Model">The Merge comment with its one INHERITED permission object.</param>
public sealed record CommentEntry(CommentRecord Source, Comment Model);
