namespace Asana.Client.Models;

/// <summary>A team.</summary>
/// <param name="Gid">The team gid.</param>
/// <param name="Name">The name.</param>
/// <param name="Visibility">Asana's <c>visibility</c> (<c>secret</c>, <c>request_to_join</c>, <c>public</c>, or a newer value).</param>
/// <param name="Description">The team description (plain text), when requested.</param>
public sealed record AsanaTeam(string Gid, string? Name, string? Visibility = null, string? Description = null);
