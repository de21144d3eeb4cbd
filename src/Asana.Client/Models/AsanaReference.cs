namespace Asana.Client.Models;

/// <summary>A compact reference to any Asana object (<c>{gid, resource_type, name}</c>).</summary>
/// <param name="Gid">The object's gid (a string: some exceed 64-bit integers).</param>
/// <param name="ResourceType">Asana's <c>resource_type</c>, e.g. <c>user</c>, <c>team</c>, <c>task</c>.</param>
/// <param name="Name">The name, when Asana sent it.</param>
public sealed record AsanaReference(string Gid, string? ResourceType = null, string? Name = null);
