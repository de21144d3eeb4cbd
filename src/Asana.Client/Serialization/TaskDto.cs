namespace Asana.Client.Serialization;

/// <summary>Wire shape of a task.</summary>
internal sealed record TaskDto(
    string? Gid,
    string? Name = null,
    string? Notes = null,
    ReferenceDto? Assignee = null,
    IReadOnlyList<ReferenceDto?>? Followers = null,
    IReadOnlyList<TaskMembershipDto?>? Memberships = null,
    ReferenceDto? Parent = null,
    int? NumSubtasks = null,
    DateTimeOffset? ModifiedAt = null,
    bool? Completed = null,
    string? ResourceSubtype = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? DueOn = null,
    DateTimeOffset? DueAt = null,
    CreatorDto? CreatedBy = null,
    string? PermalinkUrl = null,
    IReadOnlyList<ReferenceDto?>? Tags = null);
