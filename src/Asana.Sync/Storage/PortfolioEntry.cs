using System.Text;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>A portfolio as stored: its members and the projects it holds (with whether it shares their access).</summary>
/// <param name="Source">The Asana portfolio.</param>
/// <param name="Memberships">Its user and team members.</param>
/// <param name="ProjectSettings">The projects it holds; those with <c>IsAccessControlInherited</c> open to its members.</param>
public sealed record PortfolioEntry(PortfolioRecord Source, IReadOnlyList<PortfolioMembershipRecord> Memberships, IReadOnlyList<ProjectPortfolioSettingRecord> ProjectSettings)
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
            .Append(", ProjectSettings = ").AppendList(ProjectSettings)
            .Append(", Fingerprint = ").Append(Fingerprint);
        return true;
    }
}
