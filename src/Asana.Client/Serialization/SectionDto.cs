namespace Asana.Client.Serialization;

/// <summary>Wire shape of a section.</summary>
internal sealed record SectionDto(string? Gid, string? Name = null, ReferenceDto? Project = null);
