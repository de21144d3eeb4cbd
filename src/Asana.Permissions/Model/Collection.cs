using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>A Merge-style collection: an Asana project (<c>PROJECT</c>) or section (<c>LIST</c>).</summary>
/// <param name="RemoteId">The project or section gid.</param>
/// <param name="Name">Its name.</param>
/// <param name="CollectionType">PROJECT or LIST.</param>
/// <param name="ParentCollection">For a section, the project gid.</param>
/// <param name="Permissions">The permission objects, per the rules.</param>
/// <param name="Description">The project's plain-text description (Asana's <c>notes</c>), when read; null for a section.</param>
/// <param name="AccessLevel">Who may open it, from the project's privacy (permission-rules §2); sections inherit from their project.</param>
public sealed record Collection(
    string RemoteId,
    string Name,
    CollectionType CollectionType,
    string? ParentCollection,
    IReadOnlyList<Permission> Permissions,
    string? Description,
    CollectionAccessLevel AccessLevel)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RemoteId = ").Append(RemoteId)
            .Append(", Name = ").Append(Name)
            .Append(", CollectionType = ").Append(CollectionType)
            .Append(", ParentCollection = ").Append(ParentCollection)
            .Append(", Permissions = ").AppendList(Permissions)
            .Append(", Description = ").Append(Description)
            .Append(", AccessLevel = ").Append(AccessLevel);
        return true;
    }
}
