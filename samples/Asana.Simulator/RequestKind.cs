namespace Asana.Simulator;

/// <summary>The endpoint families counted by <see cref="RequestLog"/>.</summary>
public enum RequestKind
{
    /// <summary>Anything else: workspaces, user task lists, unknown paths.</summary>
    Other,

    /// <summary><c>/users</c>, <c>/users/{gid}</c>.</summary>
    Users,

    /// <summary><c>/workspaces/{gid}/workspace_memberships</c>.</summary>
    WorkspaceMemberships,

    /// <summary><c>/workspaces/{gid}/teams</c>, <c>/teams/{gid}</c>.</summary>
    Teams,

    /// <summary><c>/teams/{gid}/team_memberships</c>, <c>/team_memberships</c>.</summary>
    TeamMemberships,

    /// <summary><c>/projects</c>, <c>/projects/{gid}</c>, <c>/workspaces/{gid}/projects</c>, <c>/teams/{gid}/projects</c>.</summary>
    Projects,

    /// <summary><c>/memberships</c>, <c>/projects/{gid}/project_memberships</c>.</summary>
    Memberships,

    /// <summary><c>/projects/{gid}/sections</c>, <c>/sections/{gid}</c>.</summary>
    Sections,

    /// <summary><c>/projects/{gid}/tasks</c>, <c>/tasks?project=</c>, <c>/tasks/{gid}</c>, <c>/sections/{gid}/tasks</c>.</summary>
    Tasks,

    /// <summary><c>/tasks/{gid}/subtasks</c>.</summary>
    Subtasks,

    /// <summary><c>/tasks?assignee=&amp;workspace=</c>, <c>/user_task_lists/{gid}/tasks</c>.</summary>
    AssigneeTasks,

    /// <summary><c>/events</c>, <c>/workspaces/{gid}/events</c>.</summary>
    Events,

    /// <summary><c>/workspaces/{gid}/tasks/search</c>.</summary>
    Search,

    /// <summary>
    /// <c>/portfolios</c> and below, <c>/portfolio_memberships</c>, <c>/project_portfolio_settings/{gid}</c>,
    /// <c>/projects/{gid}/project_portfolio_settings</c> (<c>/memberships?parent={portfolio}</c> counts as <see cref="Memberships"/>).
    /// </summary>
    Portfolios,

    /// <summary><c>/webhooks</c>, <c>/webhooks/{gid}</c> (list, create with its handshake, delete).</summary>
    Webhooks,
}
