namespace Asana.Client.Serialization;

/// <summary>A compact record <c>{gid, resource_type, name}</c>.</summary>
internal sealed record ReferenceDto(string? Gid, string? ResourceType = null, string? Name = null);
