namespace Asana.Client.Models;

/// <summary>A membership from <c>GET /memberships?parent=</c>: a user or a team that is a member of a project or a portfolio.</summary>
/// <param name="Gid">The membership gid.</param>
/// <param name="Parent">The project or portfolio (the one the request named when Asana leaves it out).</param>
/// <param name="Member">The member; <see cref="AsanaReference.ResourceType"/> is <c>user</c> or <c>team</c>.</param>
/// <param name="AccessLevel">Asana's <c>access_level</c> (<c>admin</c>, <c>editor</c>, <c>commenter</c>, <c>viewer</c>, or newer).</param>
public sealed record AsanaMembership(string Gid, AsanaReference Parent, AsanaReference Member, string? AccessLevel = null);
