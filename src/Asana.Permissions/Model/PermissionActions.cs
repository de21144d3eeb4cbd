namespace Asana.Permissions.Model;

/// <summary>Merge action names used by this library.</summary>
public static class PermissionActions
{
    /// <summary>Read access: the only action Asana visibility decides.</summary>
    public const string View = "VIEW";
}
