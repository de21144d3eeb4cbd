using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A collection as stored: a project (with its memberships) or a section.</summary>
/// <param name="Model">The Merge collection with its permission objects.</param>
/// <param name="Project">The Asana project, for a project.</param>
/// <param name="ProjectMemberships">The project's user and team members (empty for a section).</param>
/// <param name="Section">The Asana section, for a section.</param>
public sealed record CollectionEntry(Collection Model, ProjectRecord? Project, IReadOnlyList<ProjectMembershipRecord> ProjectMemberships, SectionRecord? Section);
