using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>A user as stored: its Asana records, its Merge shape and the principal tokens it holds.</summary>
/// <param name="Source">The Asana user.</param>
/// <param name="Membership">Its workspace membership (active, admin, guest).</param>
/// <param name="Model">The Merge user.</param>
/// <param name="PrincipalTokens">The tokens the user holds (empty when inactive).</param>
public sealed record UserEntry(UserRecord Source, WorkspaceMembershipRecord Membership, User Model, IReadOnlyList<string> PrincipalTokens)
{
    /// <summary>
    /// An opaque fingerprint of everything in this entry, set by the sync. A store that keeps it with the row and returns
    /// it through <see cref="IPermissionStore.LoadAsync"/> (<see cref="StoredWorkspace.Fingerprints"/>) lets an incremental
    /// sync skip the rows that did not change; a store that does not simply gets every row rewritten.
    /// </summary>
    public string? Fingerprint { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Source = ").Append(Source)
            .Append(", Membership = ").Append(Membership)
            .Append(", Model = ").Append(Model)
            .Append(", PrincipalTokens = ").AppendList(PrincipalTokens)
            .Append(", Fingerprint = ").Append(Fingerprint);
        return true;
    }
}
