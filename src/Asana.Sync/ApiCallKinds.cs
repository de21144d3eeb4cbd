namespace Asana.Sync;

/// <summary>The endpoint kinds counted in <see cref="SyncCallCounts.ByKind"/>.</summary>
public static class ApiCallKinds
{
    /// <summary>GET /workspaces/{gid}.</summary>
    public const string Workspace = "workspace";

    /// <summary>GET /users?workspace=.</summary>
    public const string Users = "users";

    /// <summary>GET /workspaces/{gid}/workspace_memberships.</summary>
    public const string WorkspaceMemberships = "workspace_memberships";

    /// <summary>GET /workspaces/{gid}/teams.</summary>
    public const string Teams = "teams";

    /// <summary>GET /teams/{gid}/team_memberships.</summary>
    public const string TeamMemberships = "team_memberships";

    /// <summary>GET /projects?workspace=.</summary>
    public const string Projects = "projects";

    /// <summary>GET /memberships?parent={project}.</summary>
    public const string ProjectMemberships = "project_memberships";

    /// <summary>GET /portfolios?workspace=.</summary>
    public const string Portfolios = "portfolios";

    /// <summary>GET /portfolios/{gid}/project_portfolio_settings.</summary>
    public const string PortfolioSettings = "portfolio_settings";

    /// <summary>GET /memberships?parent={portfolio}.</summary>
    public const string PortfolioMemberships = "portfolio_memberships";

    /// <summary>GET /projects/{gid}/sections.</summary>
    public const string Sections = "sections";

    /// <summary>GET /projects/{gid}/tasks.</summary>
    public const string ProjectTasks = "project_tasks";

    /// <summary>GET /tasks?assignee=&amp;workspace=.</summary>
    public const string AssigneeTasks = "assignee_tasks";

    /// <summary>GET /tasks/{gid}/subtasks.</summary>
    public const string Subtasks = "subtasks";

    /// <summary>
    /// GET /tasks/{gid}/subtasks of a stored task in no project, re-listed at every incremental sync: no event stream covers
    /// its subtasks (a project's stream reaches its tasks and their direct subtasks only, and project-less tasks have none).
    /// </summary>
    public const string UnstreamedSubtasks = "unstreamed_subtasks";

    /// <summary>GET /tasks/{gid}.</summary>
    public const string Task = "task";

    /// <summary>GET /events?resource=.</summary>
    public const string Events = "events";

    /// <summary>GET /workspaces/{gid}/tasks/search (premium): project-less tasks no other listing finds.</summary>
    public const string Search = "search";
}
