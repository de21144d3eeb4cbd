namespace Asana.Permissions.Model;

/// <summary>Merge's collection type. Exported upper-case: <c>PROJECT</c>, <c>LIST</c>.</summary>
public enum CollectionType
{
    /// <summary>An Asana project.</summary>
    Project,

    /// <summary>An Asana section (a list inside a project).</summary>
    List,
}
