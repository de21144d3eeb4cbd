using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Sources;

/// <summary>Everything read from one Asana workspace that bears on visibility: the input of the permission model.</summary>
/// <param name="Workspace">The workspace itself.</param>
/// <param name="Users">Every user listed for the workspace.</param>
/// <param name="WorkspaceMemberships">Workspace memberships (active flag and role of each user).</param>
/// <param name="Teams">Teams (organizations only).</param>
/// <param name="TeamMemberships">Team memberships, guests included.</param>
/// <param name="Projects">Projects, archived included.</param>
/// <param name="ProjectMemberships">User and team members of each project that could be read.</param>
/// <param name="Sections">Sections of each project.</param>
/// <param name="Tasks">Tasks and subtasks, each once.</param>
public sealed record WorkspaceData(
    WorkspaceRecord Workspace,
    IReadOnlyList<UserRecord> Users,
    IReadOnlyList<WorkspaceMembershipRecord> WorkspaceMemberships,
    IReadOnlyList<TeamRecord> Teams,
    IReadOnlyList<TeamMembershipRecord> TeamMemberships,
    IReadOnlyList<ProjectRecord> Projects,
    IReadOnlyList<ProjectMembershipRecord> ProjectMemberships,
    IReadOnlyList<SectionRecord> Sections,
    IReadOnlyList<TaskRecord> Tasks)
{
    /// <summary>Portfolios that could be read (only a service account lists every portfolio of a workspace).</summary>
    public IReadOnlyList<PortfolioRecord> Portfolios { get; init; } = [];

    /// <summary>User and team members of each portfolio that could be read.</summary>
    public IReadOnlyList<PortfolioMembershipRecord> PortfolioMemberships { get; init; } = [];

    /// <summary>The projects each portfolio holds, and whether its members gain access to them.</summary>
    public IReadOnlyList<ProjectPortfolioSettingRecord> ProjectPortfolioSettings { get; init; } = [];

    /// <summary>Comments (Asana stories of type comment) of the tasks, when read (opt-in).</summary>
    public IReadOnlyList<CommentRecord> Comments { get; init; } = [];

    /// <summary>Attachment metadata of the tasks, when read (opt-in).</summary>
    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Workspace = ").Append(Workspace)
            .Append(", Users = ").AppendList(Users)
            .Append(", WorkspaceMemberships = ").AppendList(WorkspaceMemberships)
            .Append(", Teams = ").AppendList(Teams)
            .Append(", TeamMemberships = ").AppendList(TeamMemberships)
            .Append(", Projects = ").AppendList(Projects)
            .Append(", ProjectMemberships = ").AppendList(ProjectMemberships)
            .Append(", Sections = ").AppendList(Sections)
            .Append(", Tasks = ").AppendList(Tasks)
            .Append(", Portfolios = ").AppendList(Portfolios)
            .Append(", PortfolioMemberships = ").AppendList(PortfolioMemberships)
            .Append(", ProjectPortfolioSettings = ").AppendList(ProjectPortfolioSettings)
            .Append(", Comments = ").AppendList(Comments)
            .Append(", Attachments = ").AppendList(Attachments);
        return true;
    }
}
