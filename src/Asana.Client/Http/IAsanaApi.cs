using Asana.Client.Serialization;
using Refit;

namespace Asana.Client.Http;

/// <summary>
/// The Refit surface (source-generated, internal: Refit never leaks into the public API). Query parameters are in
/// the order they appear on the wire; a null parameter is left out. Every list takes <c>limit</c> and <c>opt_fields</c>.
/// </summary>
internal interface IAsanaApi
{
    [Get("/workspaces")]
    Task<ListEnvelope<WorkspaceDto>> GetWorkspaces(int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/workspaces/{workspaceGid}")]
    Task<DataEnvelope<WorkspaceDto>> GetWorkspace(string workspaceGid, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/users")]
    Task<ListEnvelope<UserDto>> GetUsers(string workspace, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/workspaces/{workspaceGid}/workspace_memberships")]
    Task<ListEnvelope<WorkspaceMembershipDto>> GetWorkspaceMemberships(string workspaceGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/workspaces/{workspaceGid}/teams")]
    Task<ListEnvelope<TeamDto>> GetTeams(string workspaceGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/teams/{teamGid}/team_memberships")]
    Task<ListEnvelope<TeamMembershipDto>> GetTeamMemberships(string teamGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/projects")]
    Task<ListEnvelope<ProjectDto>> GetProjects(string workspace, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/projects/{projectGid}")]
    Task<DataEnvelope<ProjectDto>> GetProject(string projectGid, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    /// <summary>No <c>opt_fields</c>: the compact record is what is needed (see <see cref="OptFields"/>).</summary>
    [Get("/memberships")]
    Task<ListEnvelope<MembershipDto>> GetMemberships(string parent, int limit, string? offset, CancellationToken cancellationToken);

    /// <summary>No <c>owner</c>: a service account then lists every portfolio of the workspace, a personal token its user's own.</summary>
    [Get("/portfolios")]
    Task<ListEnvelope<PortfolioDto>> GetPortfolios(string workspace, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/portfolios/{portfolioGid}/project_portfolio_settings")]
    Task<ListEnvelope<ProjectPortfolioSettingDto>> GetProjectPortfolioSettings(string portfolioGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/projects/{projectGid}/sections")]
    Task<ListEnvelope<SectionDto>> GetSections(string projectGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/projects/{projectGid}/tasks")]
    Task<ListEnvelope<TaskDto>> GetTasksForProject(string projectGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    /// <summary><c>GET /tasks</c> filtered by project or by assignee+workspace, optionally modified since an instant.</summary>
    [Get("/tasks")]
    Task<ListEnvelope<TaskDto>> GetTasks(
        string? project,
        string? assignee,
        string? workspace,
        [AliasAs("modified_since")] string? modifiedSince,
        int limit,
        string? offset,
        [AliasAs("opt_fields")] string optFields,
        CancellationToken cancellationToken);

    [Get("/user_task_lists/{userTaskListGid}/tasks")]
    Task<ListEnvelope<TaskDto>> GetTasksForUserTaskList(string userTaskListGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/tasks/{taskGid}")]
    Task<DataEnvelope<TaskDto>> GetTask(string taskGid, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Get("/tasks/{taskGid}/subtasks")]
    Task<ListEnvelope<TaskDto>> GetSubtasks(string taskGid, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    /// <summary>Search has no offset paging; results are sorted by creation time so callers can page by <c>created_at.after</c>.</summary>
    [Get("/workspaces/{workspaceGid}/tasks/search")]
    Task<SearchEnvelope> SearchTasks(
        string workspaceGid,
        string? text,
        [AliasAs("resource_subtype")] string? resourceSubtype,
        [AliasAs("created_at.after")] string? createdAfter,
        [AliasAs("modified_at.after")] string? modifiedAfter,
        [AliasAs("is_subtask")] string? isSubtask,
        [AliasAs("sort_by")] string sortBy,
        [AliasAs("sort_ascending")] string sortAscending,
        int limit,
        [AliasAs("opt_fields")] string optFields,
        CancellationToken cancellationToken);

    /// <summary>Raw response: a 412 is an answer here (it carries the fresh sync token), not an error.</summary>
    [Get("/events")]
    Task<HttpResponseMessage> GetEvents(string resource, string? sync, CancellationToken cancellationToken);

    [Get("/webhooks")]
    Task<ListEnvelope<WebhookDto>> GetWebhooks(string workspace, string? resource, int limit, string? offset, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    /// <summary>Asana calls the target (the handshake) while this request is in flight; buffered, so it carries a Content-Length.</summary>
    [Post("/webhooks")]
    Task<DataEnvelope<WebhookDto>> CreateWebhook([Body(buffered: true)] DataEnvelope<WebhookRequestDto> body, [AliasAs("opt_fields")] string optFields, CancellationToken cancellationToken);

    [Delete("/webhooks/{webhookGid}")]
    Task DeleteWebhook(string webhookGid, CancellationToken cancellationToken);
}
