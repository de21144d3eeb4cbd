using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Model;

/// <summary>A Merge-style user.</summary>
/// <param name="RemoteId">The user gid.</param>
/// <param name="Name">The display name.</param>
/// <param name="EmailAddress">The email address, if known.</param>
/// <param name="IsActive">Whether the workspace membership is active.</param>
/// <param name="Roles">Role remote ids.</param>
/// <param name="Teams">Team remote ids.</param>
public sealed record User(
    string RemoteId,
    string Name,
    string? EmailAddress,
    bool IsActive,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Teams)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RemoteId = ").Append(RemoteId)
            .Append(", Name = ").Append(Name)
            .Append(", EmailAddress = ").Append(EmailAddress)
            .Append(", IsActive = ").Append(IsActive)
            .Append(", Roles = ").AppendList(Roles)
            .Append(", Teams = ").AppendList(Teams);
        return true;
    }
}
