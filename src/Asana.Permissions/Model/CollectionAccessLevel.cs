namespace Asana.Permissions.Model;

/// <summary>
/// Merge's collection <c>access_level</c>, from Asana's project privacy (permission-rules §2). Exported upper-case:
/// <c>PRIVATE</c>, <c>COMPANY</c>, <c>PUBLIC</c>, <c>PARENT_COLLECTION</c>. Asana has nothing public to the internet, so
/// <see cref="Public"/> is never produced.
/// </summary>
public enum CollectionAccessLevel
{
    /// <summary>Members only: <c>private</c> and <c>private_to_team</c> projects, and any privacy value not known.</summary>
    Private,

    /// <summary>The whole workspace but its guests: <c>public_to_workspace</c> projects.</summary>
    Company,

    /// <summary>Anyone: not produced for Asana.</summary>
    Public,

    /// <summary>Whoever may open the parent collection: sections.</summary>
    ParentCollection,
}
