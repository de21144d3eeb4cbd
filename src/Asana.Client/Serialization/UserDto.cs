namespace Asana.Client.Serialization;

/// <summary>Wire shape of a user.</summary>
internal sealed record UserDto(string? Gid, string? Name = null, string? Email = null);
