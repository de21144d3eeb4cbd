namespace Asana.Client.Models;

/// <summary>A project.</summary>
/// <param name="Gid">The project gid.</param>
/// <param name="Name">The name.</param>
/// <param name="PrivacySetting">Asana's <c>privacy_setting</c>, kept as a string (Asana owns the value set).</param>
/// <param name="Team">The team the project is shared with, if any.</param>
/// <param name="Archived">Whether the project is archived.</param>
/// <param name="ModifiedAt">Asana's <c>modified_at</c> (does not move when tasks are added or removed).</param>
/// <param name="Notes">The project description (plain text), when requested.</param>
public sealed record AsanaProject(string Gid, string? Name, string? PrivacySetting, AsanaReference? Team, bool Archived, DateTimeOffset? ModifiedAt = null, string? Notes = null);
