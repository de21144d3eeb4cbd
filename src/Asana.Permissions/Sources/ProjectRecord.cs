namespace Asana.Permissions.Sources;

/// <summary>An Asana project with the fields that decide who can open it.</summary>
/// <param name="Gid">The project gid.</param>
/// <param name="Name">The project name.</param>
/// <param name="PrivacySetting">Asana's <c>privacy_setting</c>; see <see cref="PrivacySettings"/>.</param>
/// <param name="TeamGid">The team the project is shared with (<c>project.team</c>), if any.</param>
/// <param name="Archived">Archived projects keep their rules.</param>
/// <param name="Notes">The project description (plain text), if read; never used for permissions.</param>
public sealed record ProjectRecord(string Gid, string Name, string PrivacySetting, string? TeamGid, bool Archived, string? Notes = null);
