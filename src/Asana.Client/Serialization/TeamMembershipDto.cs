namespace Asana.Client.Serialization;

/// <summary>Wire shape of a team membership.</summary>
internal sealed record TeamMembershipDto(
    string? Gid,
    ReferenceDto? User = null,
    ReferenceDto? Team = null,
    bool? IsGuest = null,
    bool? IsAdmin = null,
    bool? IsLimitedAccess = null);
