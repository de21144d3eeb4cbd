namespace Asana.Permissions;

/// <summary>Which rule of permission-rules §1 a grant comes from.</summary>
public enum GrantKind
{
    /// <summary>The user is the task's assignee.</summary>
    Assignee,

    /// <summary>The user follows the task (Asana's collaborators).</summary>
    Follower,

    /// <summary>The user is a member of a project holding the task (project rule 1).</summary>
    ProjectMember,

    /// <summary>The user belongs, with full access, to a team that is a member of a project holding the task (project rule 2).</summary>
    ProjectMemberTeam,

    /// <summary>The user belongs, with full access, to the team of a team-only or organization-wide project holding the task (project rule 3).</summary>
    ProjectTeam,

    /// <summary>The user is a non-guest member and a project holding the task is shared with the organization (project rule 4).</summary>
    WorkspaceMember,

    /// <summary>The user can see a parent task (at any depth); the description names the grant on that ancestor.</summary>
    ParentTask,

    /// <summary>The task is project-less and the host opted in to showing such tasks to every non-guest member.</summary>
    ProjectlessWorkspaceMember,

    /// <summary>
    /// The user is a member of a portfolio (directly, or through a team with full access) that shares a project holding
    /// the task: the project's portfolio setting has <c>is_access_control_inherited</c>.
    /// </summary>
    PortfolioMember,
}
