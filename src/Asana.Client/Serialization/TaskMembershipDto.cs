namespace Asana.Client.Serialization;

/// <summary>Wire shape of one <c>task.memberships</c> entry.</summary>
internal sealed record TaskMembershipDto(ReferenceDto? Project = null, ReferenceDto? Section = null);
