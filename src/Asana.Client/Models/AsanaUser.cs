namespace Asana.Client.Models;

/// <summary>A user.</summary>
/// <param name="Gid">The user gid.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The email address, when visible to the token.</param>
public sealed record AsanaUser(string Gid, string? Name, string? Email);
