namespace Asana.Client.Serialization;

/// <summary>Wire shape of a workspace.</summary>
internal sealed record WorkspaceDto(string? Gid, string? Name = null, bool? IsOrganization = null, IReadOnlyList<string>? EmailDomains = null);
