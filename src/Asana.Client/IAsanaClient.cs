using Asana.Client.Models;

namespace Asana.Client;

/// <summary>
/// The read side of Asana's REST API that a permission sync needs. Every list is offered twice: as an
/// <see cref="IAsyncEnumerable{T}"/> of items that pages to the end, and as a single page that returns the next
/// offset so a caller can checkpoint and resume. Every list request sends <c>limit</c> and the <c>opt_fields</c>
/// the returned model needs. Failures surface as <see cref="AsanaApiException"/>; cancellation and timeouts reach
/// the caller unwrapped.
/// </summary>
public interface IAsanaClient
{
    /// <summary>Counters of what this client has sent: attempts, retries, 429s. A client that does not count reports zeros.</summary>
    AsanaClientStatistics Statistics => AsanaClientStatistics.None;

    /// <summary><c>GET /workspaces</c>: the workspaces the token can see.</summary>
    IAsyncEnumerable<AsanaWorkspace> GetWorkspacesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /workspaces/{workspace_gid}</c>.</summary>
    Task<AsanaWorkspace> GetWorkspaceAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /users?workspace=</c> (not <c>/workspaces/{gid}/users</c>, which stops at 2,000).</summary>
    IAsyncEnumerable<AsanaUser> GetUsersAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetUsersAsync"/>.</summary>
    Task<AsanaPage<AsanaUser>> GetUsersPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /workspaces/{workspace_gid}/workspace_memberships</c> with is_active, is_admin, is_guest.</summary>
    IAsyncEnumerable<AsanaWorkspaceMembership> GetWorkspaceMembershipsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetWorkspaceMembershipsAsync"/>.</summary>
    Task<AsanaPage<AsanaWorkspaceMembership>> GetWorkspaceMembershipsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /workspaces/{workspace_gid}/teams</c> (organizations only).</summary>
    IAsyncEnumerable<AsanaTeam> GetTeamsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetTeamsAsync"/>.</summary>
    Task<AsanaPage<AsanaTeam>> GetTeamsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /teams/{team_gid}/team_memberships</c>, guests included.</summary>
    IAsyncEnumerable<AsanaTeamMembership> GetTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetTeamMembershipsAsync"/>.</summary>
    Task<AsanaPage<AsanaTeamMembership>> GetTeamMembershipsPageAsync(string teamGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects?workspace=</c>, archived and unarchived, with privacy_setting, team and archived.</summary>
    IAsyncEnumerable<AsanaProject> GetProjectsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetProjectsAsync"/>.</summary>
    Task<AsanaPage<AsanaProject>> GetProjectsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects/{project_gid}</c>.</summary>
    Task<AsanaProject> GetProjectAsync(string projectGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /memberships?parent={project_gid}</c>: the users and teams that are members of a project.</summary>
    IAsyncEnumerable<AsanaMembership> GetProjectMembershipsAsync(string projectGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetProjectMembershipsAsync"/>.</summary>
    Task<AsanaPage<AsanaMembership>> GetProjectMembershipsPageAsync(string projectGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects/{project_gid}/sections</c>.</summary>
    IAsyncEnumerable<AsanaSection> GetSectionsAsync(string projectGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetSectionsAsync"/>.</summary>
    Task<AsanaPage<AsanaSection>> GetSectionsPageAsync(string projectGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tasks of a project with memberships, assignee, followers, parent, num_subtasks and modified_at:
    /// <c>GET /projects/{project_gid}/tasks</c>, or <c>GET /tasks?project=&amp;modified_since=</c> when
    /// <paramref name="modifiedSince"/> is given.
    /// </summary>
    IAsyncEnumerable<AsanaTask> GetTasksForProjectAsync(string projectGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetTasksForProjectAsync"/>.</summary>
    Task<AsanaPage<AsanaTask>> GetTasksForProjectPageAsync(string projectGid, DateTimeOffset? modifiedSince, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks?assignee=&amp;workspace=</c>: the tasks assigned to a user, project-less ones included.</summary>
    IAsyncEnumerable<AsanaTask> GetTasksForAssigneeAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetTasksForAssigneeAsync"/>.</summary>
    Task<AsanaPage<AsanaTask>> GetTasksForAssigneePageAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /user_task_lists/{user_task_list_gid}/tasks</c>: a user's My Tasks, as far as the token may see it.</summary>
    IAsyncEnumerable<AsanaTask> GetTasksForUserTaskListAsync(string userTaskListGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetTasksForUserTaskListAsync"/>.</summary>
    Task<AsanaPage<AsanaTask>> GetTasksForUserTaskListPageAsync(string userTaskListGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks/{task_gid}</c>.</summary>
    Task<AsanaTask> GetTaskAsync(string taskGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks/{task_gid}/subtasks</c>: direct children only.</summary>
    IAsyncEnumerable<AsanaTask> GetSubtasksAsync(string taskGid, CancellationToken cancellationToken = default);

    /// <summary>One page of <see cref="GetSubtasksAsync"/>.</summary>
    Task<AsanaPage<AsanaTask>> GetSubtasksPageAsync(string taskGid, string? offset, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /workspaces/{workspace_gid}/tasks/search</c> (premium). Returns null when Asana answers 402:
    /// search is not available to this token, which is a normal answer, not an error. Results are sorted by
    /// <c>created_at</c> ascending and carry the same fields as every other task read (<see cref="AsanaTask.CreatedAt"/>
    /// included), so a caller pages by passing the last <c>created_at</c> seen as <see cref="AsanaTaskSearch.CreatedAfter"/>
    /// (search has no offsets). Requests are paced to Asana's separate search quota
    /// (<see cref="AsanaClientOptions.SearchRequestsPerMinute"/>) on top of the general one. The index lags writes by
    /// 10 to 60 seconds: a missing task is not proof of anything.
    /// </summary>
    Task<IReadOnlyList<AsanaTask>?> SearchTasksAsync(string workspaceGid, AsanaTaskSearch search, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /events?resource=&amp;sync=</c>. A 412 (missing, invalid or expired token) is not thrown: it returns a
    /// batch with <see cref="AsanaEventBatch.SyncTokenReset"/> set and the fresh token Asana sent.
    /// </summary>
    Task<AsanaEventBatch> GetEventsAsync(string resourceGid, string? syncToken, CancellationToken cancellationToken = default);
}
