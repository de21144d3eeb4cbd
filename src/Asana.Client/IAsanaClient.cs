using Asana.Client.Models;

namespace Asana.Client;

/// <summary>
/// The read side of Asana's REST API that a permission sync needs. Every list is an <see cref="AsanaPageable{T}"/>:
/// enumerate it for every item (it pages to the end), or call <see cref="AsanaPageable{T}.AsPages"/> for whole pages
/// from a saved offset, so a caller can checkpoint and resume. Nothing is sent until a list is enumerated. Every list
/// request sends <c>limit</c>, and every request the <c>opt_fields</c> the returned model needs (where the endpoint
/// declares them). Failures surface as <see cref="AsanaApiException"/>, a record without a <c>gid</c> included;
/// cancellation and timeouts reach the caller unwrapped.
/// </summary>
public interface IAsanaClient
{
    /// <summary>Counters of what this client has sent: attempts, retries, 429s. A client that does not count reports zeros.</summary>
    AsanaClientStatistics Statistics => AsanaClientStatistics.None;

    /// <summary><c>GET /workspaces</c>: the workspaces the token can see.</summary>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The workspaces, paged lazily.</returns>
    AsanaPageable<AsanaWorkspace> GetWorkspacesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /workspaces/{workspace_gid}</c>.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The workspace.</returns>
    Task<AsanaWorkspace> GetWorkspaceAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /users?workspace=</c> (not <c>/workspaces/{gid}/users</c>, which stops at 2,000).</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The users, paged lazily.</returns>
    AsanaPageable<AsanaUser> GetUsersAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /workspaces/{workspace_gid}/workspace_memberships</c> with is_active, is_admin, is_guest. A membership
    /// without <c>is_active</c> reads as inactive and one without <c>is_guest</c> as a guest (fail closed).
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The memberships, paged lazily.</returns>
    AsanaPageable<AsanaWorkspaceMembership> GetWorkspaceMembershipsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /workspaces/{workspace_gid}/teams</c> (organizations only).</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The teams, paged lazily.</returns>
    AsanaPageable<AsanaTeam> GetTeamsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /teams/{team_gid}/team_memberships</c>, guests included. A membership without <c>is_limited_access</c>
    /// reads as limited-access and one without <c>is_guest</c> as a guest (fail closed).
    /// </summary>
    /// <param name="teamGid">The team.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The memberships, paged lazily.</returns>
    AsanaPageable<AsanaTeamMembership> GetTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects?workspace=</c>, archived and unarchived, with privacy_setting, team and archived.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The projects, paged lazily.</returns>
    AsanaPageable<AsanaProject> GetProjectsAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects/{project_gid}</c>.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The project.</returns>
    Task<AsanaProject> GetProjectAsync(string projectGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /memberships?parent=</c>: the users and teams that are members of a project or a portfolio, with their
    /// access level (Asana's compact membership record; no <c>opt_fields</c>).
    /// </summary>
    /// <param name="parentGid">The project or portfolio.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The memberships, paged lazily.</returns>
    AsanaPageable<AsanaMembership> GetMembershipsAsync(string parentGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /portfolios?workspace=</c>, without <c>owner</c>: with a service account's token, every portfolio of the
    /// workspace; with a personal or OAuth token, only the portfolios its user owns.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The portfolios, paged lazily.</returns>
    AsanaPageable<AsanaPortfolio> GetPortfoliosAsync(string workspaceGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /portfolios/{portfolio_gid}/project_portfolio_settings</c>: the portfolio's projects and whether its
    /// members gain access to each (<see cref="AsanaProjectPortfolioSetting.IsAccessControlInherited"/>).
    /// </summary>
    /// <param name="portfolioGid">The portfolio.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The settings, paged lazily.</returns>
    AsanaPageable<AsanaProjectPortfolioSetting> GetProjectPortfolioSettingsAsync(string portfolioGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /projects/{project_gid}/sections</c>.</summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The sections, paged lazily.</returns>
    AsanaPageable<AsanaSection> GetSectionsAsync(string projectGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tasks of a project with memberships, assignee, followers, parent, num_subtasks and modified_at:
    /// <c>GET /projects/{project_gid}/tasks</c>, or <c>GET /tasks?project=&amp;modified_since=</c> when
    /// <paramref name="modifiedSince"/> is given.
    /// </summary>
    /// <param name="projectGid">The project.</param>
    /// <param name="modifiedSince">Only tasks modified since this instant; null for all.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The tasks, paged lazily.</returns>
    AsanaPageable<AsanaTask> GetTasksForProjectAsync(string projectGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks?assignee=&amp;workspace=</c>: the tasks assigned to a user, project-less ones included.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="assigneeGid">The assignee.</param>
    /// <param name="modifiedSince">Only tasks modified since this instant; null for all.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The tasks, paged lazily.</returns>
    AsanaPageable<AsanaTask> GetTasksForAssigneeAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /user_task_lists/{user_task_list_gid}/tasks</c>: a user's My Tasks, as far as the token may see it.</summary>
    /// <param name="userTaskListGid">The user task list.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The tasks, paged lazily.</returns>
    AsanaPageable<AsanaTask> GetTasksForUserTaskListAsync(string userTaskListGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks/{task_gid}</c>.</summary>
    /// <param name="taskGid">The task.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task.</returns>
    Task<AsanaTask> GetTaskAsync(string taskGid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /tasks/{task_gid}/subtasks</c>: direct children only.</summary>
    /// <param name="taskGid">The parent task.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The subtasks, paged lazily.</returns>
    AsanaPageable<AsanaTask> GetSubtasksAsync(string taskGid, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /workspaces/{workspace_gid}/tasks/search</c> (premium). When Asana answers 402, search is not available
    /// to this token: that is a normal answer, <see cref="AsanaTaskSearchResult.NotAvailable"/>, not an error. Results
    /// are sorted by <c>created_at</c> ascending and carry the same fields as every other task read
    /// (<see cref="AsanaTask.CreatedAt"/> included), so a caller pages by passing the last <c>created_at</c> seen as
    /// <see cref="AsanaTaskSearch.CreatedAfter"/> (search has no offsets). Asana's OpenAPI description gives
    /// <c>resource_subtype</c> the default <c>milestone</c>: see <see cref="AsanaTaskSearch.ResourceSubtype"/>. Requests
    /// are paced to Asana's separate search quota (<see cref="AsanaClientOptions.SearchRequestsPerMinute"/>) on top of
    /// the general one. The index lags writes by 10 to 60 seconds: a missing task is not proof of anything.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="search">The filters and page size.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tasks found, or <see cref="AsanaTaskSearchResult.NotAvailable"/>.</returns>
    Task<AsanaTaskSearchResult> SearchTasksAsync(string workspaceGid, AsanaTaskSearch search, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /events?resource=&amp;sync=</c>. A 412 (missing, invalid or expired token) is not thrown: it returns a
    /// batch with <see cref="AsanaEventBatch.SyncTokenReset"/> set and the fresh token Asana sent.
    /// </summary>
    /// <param name="resourceGid">The task, project or goal whose events to read.</param>
    /// <param name="syncToken">The token from the previous batch, or null to get a first token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The batch.</returns>
    Task<AsanaEventBatch> GetEventsAsync(string resourceGid, string? syncToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /webhooks?workspace=&amp;resource=</c>: the webhooks this token's app has registered in a workspace,
    /// optionally only those on one resource.
    /// </summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="resourceGid">Only webhooks on this resource; null for all.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the list.</param>
    /// <returns>The webhooks, paged lazily.</returns>
    AsanaPageable<AsanaWebhook> GetWebhooksAsync(string workspaceGid, string? resourceGid = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /webhooks</c>. Asana POSTs the handshake (<c>X-Hook-Secret</c>) to <paramref name="target"/> while this
    /// request is in flight and creates the webhook only if the target echoes the header with a 200 or 204, so the
    /// receiver must already be listening. Higher-level resources (workspace, team, portfolio) need
    /// <paramref name="filters"/> from Asana's allowed list. Never retried: a repeated create would make two webhooks.
    /// </summary>
    /// <param name="resourceGid">The resource to watch.</param>
    /// <param name="target">The absolute URL to POST events to.</param>
    /// <param name="filters">The filters; null or empty for none.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The webhook created.</returns>
    Task<AsanaWebhook> CreateWebhookAsync(string resourceGid, Uri target, IReadOnlyList<AsanaWebhookFilter>? filters = null, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /webhooks/{webhook_gid}</c>: Asana stops delivering to it at once.</summary>
    /// <param name="webhookGid">The webhook.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Asana has deleted it.</returns>
    Task DeleteWebhookAsync(string webhookGid, CancellationToken cancellationToken = default);
}
