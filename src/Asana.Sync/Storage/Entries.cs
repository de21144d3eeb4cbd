using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Sync.Storage;

/// <summary>A user as stored: its Asana records, its Merge shape and the principal tokens it holds.</summary>
/// <param name="Source">The Asana user.</param>
/// <param name="Membership">Its workspace membership (active, admin, guest).</param>
/// <param name="Model">The Merge user.</param>
/// <param name="PrincipalTokens">The tokens the user holds (empty when inactive).</param>
public sealed record UserEntry(UserRecord Source, WorkspaceMembershipRecord Membership, User Model, IReadOnlyList<string> PrincipalTokens);

/// <summary>A team as stored.</summary>
/// <param name="Source">The Asana team.</param>
/// <param name="Memberships">Its members, guests included.</param>
/// <param name="Model">The Merge team.</param>
public sealed record TeamEntry(TeamRecord Source, IReadOnlyList<TeamMembershipRecord> Memberships, Team Model);

/// <summary>A collection as stored: a project (with its memberships) or a section.</summary>
/// <param name="Model">The Merge collection with its permission objects.</param>
/// <param name="Project">The Asana project, for a project.</param>
/// <param name="ProjectMemberships">The project's user and team members (empty for a section).</param>
/// <param name="Section">The Asana section, for a section.</param>
public sealed record CollectionEntry(Collection Model, ProjectRecord? Project, IReadOnlyList<ProjectMembershipRecord> ProjectMemberships, SectionRecord? Section);

/// <summary>A ticket as stored: its Asana task, its Merge shape, the principal tokens that may see it.</summary>
/// <param name="Source">The Asana task (name and notes feed the full-text index).</param>
/// <param name="Model">The Merge ticket with its permission objects.</param>
/// <param name="PrincipalTokens">The principals that may see it (an empty list means nobody: fail closed).</param>
/// <param name="NumSubtasks">Asana's <c>num_subtasks</c> when read, used by incremental sync to notice new subtasks.</param>
public sealed record TicketEntry(TaskRecord Source, Ticket Model, IReadOnlyList<string> PrincipalTokens, int NumSubtasks);

/// <summary>What a sync needs to resume: when it last ran and the event sync token of each project.</summary>
/// <param name="LastSyncAt">When the last committed sync started.</param>
/// <param name="LastFullSyncAt">When the last committed full sync started.</param>
/// <param name="ProjectSyncTokens">Project gid → Events API sync token.</param>
public sealed record SyncState(DateTimeOffset? LastSyncAt, DateTimeOffset? LastFullSyncAt, IReadOnlyDictionary<string, string> ProjectSyncTokens)
{
    /// <summary>Lookback (days) the stored data was crawled with, null for everything.</summary>
    public int? LookbackDays { get; init; }

    /// <summary>When project-less tasks were last looked for (every active user's assigned tasks).</summary>
    public DateTimeOffset? LastProjectlessScanAt { get; init; }
}

/// <summary>What <see cref="IPermissionStore.LoadAsync"/> returns.</summary>
/// <param name="Data">The source records of the last committed sync.</param>
/// <param name="SubtaskCounts">Task gid → <c>num_subtasks</c> when read.</param>
/// <param name="State">The sync state.</param>
public sealed record StoredWorkspace(WorkspaceData Data, IReadOnlyDictionary<string, int> SubtaskCounts, SyncState State);
