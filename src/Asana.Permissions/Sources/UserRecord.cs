namespace Asana.Permissions.Sources;

/// <summary>An Asana user, as read from <c>GET /users?workspace=</c>.</summary>
/// <param name="Gid">The user gid.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The email address, used to map people across systems; null when Asana withholds it.</param>
public sealed record UserRecord(string Gid, string Name, string? Email);
