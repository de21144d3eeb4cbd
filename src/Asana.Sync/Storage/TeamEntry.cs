using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>A team as stored.</summary>
/// <param name="Source">The Asana team.</param>
/// <param name="Memberships">Its members, guests included.</param>
/// <param name="Model">The Merge team.</param>
public sealed record TeamEntry(TeamRecord Source, IReadOnlyList<TeamMembershipRecord> Memberships, Team Model)
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
            .Append(", Memberships = ").AppendList(Memberships)
            .Append(", Model = ").Append(Model)
            .Append(", Fingerprint = ").Append(Fingerprint);
        return true;
    }
}
