namespace Asana.Permissions.Model;

/// <summary>Remote ids of the three workspace roles.</summary>
public static class RoleIds
{
    /// <summary>Workspace admin (<c>is_admin</c>).</summary>
    public const string Admin = "ADMIN";

    /// <summary>Full member: neither admin nor guest.</summary>
    public const string Member = "MEMBER";

    /// <summary>Organization guest (<c>is_guest</c>).</summary>
    public const string Guest = "GUEST";
}
