using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Sync.Storage;

/// <summary>A collection as stored: a project (with its memberships) or a section.</summary>
/// <param name="Model">The Merge collection with its permission objects.</param>
/// <param name="Project">The Asana project, for a project.</param>
/// <param name="ProjectMemberships">The project's user and team members (empty for a section).</param>
/// <param name="Section">The Asana section, for a section.</param>
public sealed record CollectionEntry(Collection Model, ProjectRecord? Project, IReadOnlyList<ProjectMembershipRecord> ProjectMemberships, SectionRecord? Section)
{
    /// <summary>
    /// An opaque fingerprint of everything in this entry, set by the sync. A store that keeps it with the row and returns
    /// it through <see cref="IPermissionStore.LoadAsync"/> (<see cref="StoredWorkspace.Fingerprints"/>) lets an incremental
    /// sync skip the rows that did not change; a store that does not simply gets every row rewritten.
    /// </summary>
    public string? Fingerprint { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Model = ").Append(Model)
            .Append(", Project = ").Append(Project)
            .Append(", ProjectMemberships = ").AppendList(ProjectMemberships)
            .Append(", Section = ").Append(Section)
            .Append(", Fingerprint = ").Append(Fingerprint);
        return true;
    }
}
