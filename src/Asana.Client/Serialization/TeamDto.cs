namespace Asana.Client.Serialization;

/// <summary>Wire shape of a team.</summary>
internal sealed record TeamDto(string? Gid, string? Name = null, string? Visibility = null, string? Description = null);
