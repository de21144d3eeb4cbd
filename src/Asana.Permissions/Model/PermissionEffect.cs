namespace Asana.Permissions.Model;

/// <summary>Merge's permission effect. Exported upper-case: <c>ALLOWED</c>, <c>INHERITED</c>.</summary>
public enum PermissionEffect
{
    /// <summary>Access granted directly to the listed users, roles or teams.</summary>
    Allowed,

    /// <summary>Access inherited from the listed collections or tickets.</summary>
    Inherited,
}
