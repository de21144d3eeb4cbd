using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>An attachment as stored: its Asana metadata and its Merge shape. It is visible exactly when its ticket is.</summary>
/// <param name="Source">The Asana attachment.</param>
/// <param name="Model">The Merge attachment with its one INHERITED permission object.</param>
public sealed record AttachmentEntry(AttachmentRecord Source, Attachment Model);
