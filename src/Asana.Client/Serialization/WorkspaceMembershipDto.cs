namespace Asana.Client.Serialization;

/// <summary>Wire shape of a workspace membership.</summary>
internal sealed record WorkspaceMembershipDto(string? Gid, ReferenceDto? User = null, bool? IsActive = null, bool? IsAdmin = null, bool? IsGuest = null);
