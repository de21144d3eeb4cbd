namespace Asana.Client.Serialization;

/// <summary>Wire shape of a <c>/memberships</c> record.</summary>
internal sealed record MembershipDto(string? Gid, ReferenceDto? Parent = null, ReferenceDto? Member = null, string? AccessLevel = null);
