namespace Asana.Client.Serialization;

/// <summary>Wire shape of a project.</summary>
internal sealed record ProjectDto(
    string? Gid,
    string? Name = null,
    string? PrivacySetting = null,
    ReferenceDto? Team = null,
    bool? Archived = null,
    DateTimeOffset? ModifiedAt = null,
    string? Notes = null);
