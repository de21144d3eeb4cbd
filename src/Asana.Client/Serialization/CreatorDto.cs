namespace Asana.Client.Serialization;

/// <summary>
/// Wire shape of a task's <c>created_by</c>: Asana declares only gid and resource_type there (no name), so the wire layer
/// reads no more.
/// </summary>
internal sealed record CreatorDto(string? Gid, string? ResourceType = null);
