using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Asana.Client.Http;
using Asana.Client.Logging;
using Asana.Client.Models;
using Asana.Client.Resilience;
using Asana.Client.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asana.Client;

/// <summary>
/// The Asana REST client: typed reads with paging, Asana's errors as <see cref="AsanaApiException"/>, and a resilience
/// pipeline tuned to Asana's limits. Immutable and thread-safe. Get one from DI
/// (<c>services.AddAsanaClient(...)</c>) or from <see cref="Create"/>.
/// </summary>
public sealed partial class AsanaClient : IAsanaClient, IDisposable
{
    private readonly IAsanaApi _api;
    private readonly int _pageSize;
    private readonly Uri _baseAddress;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _owned;

    internal AsanaClient(IAsanaApi api, AsanaClientOptions options, ILogger? logger, TimeProvider timeProvider, AsanaThrottle? throttle = null, IDisposable? owned = null)
    {
        _api = api;
        _pageSize = options.PageSize;
        _baseAddress = options.BaseAddress;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider;
        Throttle = throttle;
        _owned = owned;
    }

    /// <inheritdoc />
    public AsanaClientStatistics Statistics => Throttle?.Statistics ?? AsanaClientStatistics.None;

    /// <summary>The shared throttle (for tests and diagnostics).</summary>
    internal AsanaThrottle? Throttle { get; }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaWorkspace> GetWorkspacesAsync(CancellationToken cancellationToken = default) =>
        EnumerateAsync("/workspaces", GetWorkspacesPageAsync, cancellationToken);

    /// <summary>One page of <see cref="GetWorkspacesAsync"/>.</summary>
    /// <param name="offset">The offset from the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page and the next offset.</returns>
    public Task<AsanaPage<AsanaWorkspace>> GetWorkspacesPageAsync(string? offset, CancellationToken cancellationToken = default) =>
        PageAsync("/workspaces", _api.GetWorkspaces(_pageSize, offset, OptFields.Workspace, cancellationToken), WireMapper.Workspace);

    /// <inheritdoc />
    public async Task<AsanaWorkspace> GetWorkspaceAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        var envelope = await CallAsync(_api.GetWorkspace(workspaceGid, OptFields.Workspace, cancellationToken));
        return WireMapper.Workspace(Required(envelope, $"/workspaces/{workspaceGid}"));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaUser> GetUsersAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return EnumerateAsync("/users", (offset, ct) => GetUsersPageAsync(workspaceGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaUser>> GetUsersPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return PageAsync("/users", _api.GetUsers(workspaceGid, _pageSize, offset, OptFields.User, cancellationToken), WireMapper.User);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaWorkspaceMembership> GetWorkspaceMembershipsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return EnumerateAsync("/workspace_memberships", (offset, ct) => GetWorkspaceMembershipsPageAsync(workspaceGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaWorkspaceMembership>> GetWorkspaceMembershipsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return PageAsync(
            "/workspace_memberships",
            _api.GetWorkspaceMemberships(workspaceGid, _pageSize, offset, OptFields.WorkspaceMembership, cancellationToken),
            WireMapper.WorkspaceMembership);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTeam> GetTeamsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return EnumerateAsync("/teams", (offset, ct) => GetTeamsPageAsync(workspaceGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTeam>> GetTeamsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return PageAsync("/teams", _api.GetTeams(workspaceGid, _pageSize, offset, OptFields.Team, cancellationToken), WireMapper.Team);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTeamMembership> GetTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamGid);
        return EnumerateAsync("/team_memberships", (offset, ct) => GetTeamMembershipsPageAsync(teamGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTeamMembership>> GetTeamMembershipsPageAsync(string teamGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamGid);
        return PageAsync(
            "/team_memberships",
            _api.GetTeamMemberships(teamGid, _pageSize, offset, OptFields.TeamMembership, cancellationToken),
            WireMapper.TeamMembership);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaProject> GetProjectsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return EnumerateAsync("/projects", (offset, ct) => GetProjectsPageAsync(workspaceGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaProject>> GetProjectsPageAsync(string workspaceGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return PageAsync("/projects", _api.GetProjects(workspaceGid, _pageSize, offset, OptFields.Project, cancellationToken), WireMapper.Project);
    }

    /// <inheritdoc />
    public async Task<AsanaProject> GetProjectAsync(string projectGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        var envelope = await CallAsync(_api.GetProject(projectGid, OptFields.Project, cancellationToken));
        return WireMapper.Project(Required(envelope, $"/projects/{projectGid}"));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaMembership> GetProjectMembershipsAsync(string projectGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return EnumerateAsync("/memberships", (offset, ct) => GetProjectMembershipsPageAsync(projectGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaMembership>> GetProjectMembershipsPageAsync(string projectGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return PageAsync("/memberships", _api.GetMemberships(projectGid, _pageSize, offset, OptFields.Membership, cancellationToken), WireMapper.Membership);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaSection> GetSectionsAsync(string projectGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return EnumerateAsync("/sections", (offset, ct) => GetSectionsPageAsync(projectGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaSection>> GetSectionsPageAsync(string projectGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return PageAsync("/sections", _api.GetSections(projectGid, _pageSize, offset, OptFields.Section, cancellationToken), WireMapper.Section);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTask> GetTasksForProjectAsync(string projectGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return EnumerateAsync("/tasks", (offset, ct) => GetTasksForProjectPageAsync(projectGid, modifiedSince, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTask>> GetTasksForProjectPageAsync(string projectGid, DateTimeOffset? modifiedSince, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        var call = modifiedSince is { } since
            ? _api.GetTasks(projectGid, null, null, FormatInstant(since), _pageSize, offset, OptFields.Task, cancellationToken)
            : _api.GetTasksForProject(projectGid, _pageSize, offset, OptFields.Task, cancellationToken);
        return PageAsync("/tasks", call, WireMapper.Task);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTask> GetTasksForAssigneeAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentException.ThrowIfNullOrWhiteSpace(assigneeGid);
        return EnumerateAsync("/tasks", (offset, ct) => GetTasksForAssigneePageAsync(workspaceGid, assigneeGid, modifiedSince, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTask>> GetTasksForAssigneePageAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentException.ThrowIfNullOrWhiteSpace(assigneeGid);
        var since = modifiedSince is { } value ? FormatInstant(value) : null;
        return PageAsync("/tasks", _api.GetTasks(null, assigneeGid, workspaceGid, since, _pageSize, offset, OptFields.Task, cancellationToken), WireMapper.Task);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTask> GetTasksForUserTaskListAsync(string userTaskListGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userTaskListGid);
        return EnumerateAsync("/user_task_lists", (offset, ct) => GetTasksForUserTaskListPageAsync(userTaskListGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTask>> GetTasksForUserTaskListPageAsync(string userTaskListGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userTaskListGid);
        return PageAsync(
            "/user_task_lists",
            _api.GetTasksForUserTaskList(userTaskListGid, _pageSize, offset, OptFields.Task, cancellationToken),
            WireMapper.Task);
    }

    /// <inheritdoc />
    public async Task<AsanaTask> GetTaskAsync(string taskGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskGid);
        var envelope = await CallAsync(_api.GetTask(taskGid, OptFields.Task, cancellationToken));
        return WireMapper.Task(Required(envelope, $"/tasks/{taskGid}"));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AsanaTask> GetSubtasksAsync(string taskGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskGid);
        return EnumerateAsync("/subtasks", (offset, ct) => GetSubtasksPageAsync(taskGid, offset, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AsanaPage<AsanaTask>> GetSubtasksPageAsync(string taskGid, string? offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskGid);
        return PageAsync("/subtasks", _api.GetSubtasks(taskGid, _pageSize, offset, OptFields.Task, cancellationToken), WireMapper.Task);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AsanaTask>?> SearchTasksAsync(string workspaceGid, AsanaTaskSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, 100);
        try
        {
            var envelope = await CallAsync(_api.SearchTasks(
                workspaceGid,
                search.Text,
                search.CreatedAfter is { } created ? FormatInstant(created) : null,
                search.ModifiedAfter is { } modified ? FormatInstant(modified) : null,
                search.IsSubtask is { } isSubtask ? (isSubtask ? "true" : "false") : null,
                "created_at",
                "true",
                search.Limit,
                OptFields.Task,
                cancellationToken));
            return WireMapper.ToPage(envelope, WireMapper.Task).Items;
        }
        catch (AsanaApiException ex) when (ex.StatusCode == HttpStatusCode.PaymentRequired)
        {
            Log.SearchNotAvailable(_logger, workspaceGid);
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<AsanaEventBatch> GetEventsAsync(string resourceGid, string? syncToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceGid);
        using var response = await CallAsync(_api.GetEvents(resourceGid, string.IsNullOrEmpty(syncToken) ? null : syncToken, cancellationToken));

        // The body is already buffered by AsanaResponseBufferingHandler, inside the retry.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var errorFactory = new AsanaErrorFactory(_timeProvider);

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            AsanaErrorFactory.ParseErrors(response, body, out var freshSync);
            if (string.IsNullOrEmpty(freshSync))
            {
                throw errorFactory.Create(response, body);
            }

            Log.SyncTokenReset(_logger, resourceGid);
            return new AsanaEventBatch([], freshSync, HasMore: false, SyncTokenReset: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw errorFactory.Create(response, body);
        }

        EventsEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, AsanaJsonContext.Default.EventsEnvelope);
        }
        catch (JsonException ex)
        {
            throw AsanaRefitSettings.ShapeError(response, ex);
        }

        if (envelope is null || string.IsNullOrEmpty(envelope.Sync))
        {
            throw new AsanaApiException(response.StatusCode, [new AsanaError("The events response has no 'sync' token.")], response.RequestMessage?.RequestUri?.AbsolutePath);
        }

        var events = new List<AsanaEvent>(envelope.Data?.Count ?? 0);
        if (envelope.Data is not null)
        {
            foreach (var item in envelope.Data)
            {
                if (item is not null)
                {
                    events.Add(WireMapper.Event(item));
                }
            }
        }

        return new AsanaEventBatch(events, envelope.Sync, envelope.HasMore ?? false, SyncTokenReset: false);
    }

    /// <summary>Disposes what <see cref="Create"/> built (HTTP handlers, throttle timer). A DI-built client owns nothing.</summary>
    public void Dispose() => _owned?.Dispose();

    /// <summary>Names the client and its base address; never the token.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"AsanaClient {{ BaseAddress = {_baseAddress}, PageSize = {_pageSize} }}";

    private static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static T Required<T>(DataEnvelope<T>? envelope, string path)
        where T : class =>
        envelope?.Data ?? throw new AsanaApiException(HttpStatusCode.OK, [new AsanaError("The response has no 'data' object.")], path);

    private static async Task<T> CallAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (InvalidResponseShapeException ex)
        {
            throw new AsanaApiException(HttpStatusCode.OK, [new AsanaError(ex.Message)], requestPath: null);
        }
    }

    private async Task<AsanaPage<TModel>> PageAsync<TDto, TModel>(string resource, Task<ListEnvelope<TDto>> call, Func<TDto, TModel> map)
    {
        var envelope = await CallAsync(call);
        AsanaPage<TModel> page;
        try
        {
            page = WireMapper.ToPage(envelope, map);
        }
        catch (InvalidResponseShapeException ex)
        {
            throw new AsanaApiException(HttpStatusCode.OK, [new AsanaError(ex.Message)], resource);
        }

        Log.PageRead(_logger, resource, page.Items.Count, page.NextOffset is not null);
        return page;
    }

    private static async IAsyncEnumerable<T> EnumerateAsync<T>(
        string resource,
        Func<string?, CancellationToken, Task<AsanaPage<T>>> fetchPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? offset = null;
        do
        {
            var page = await fetchPage(offset, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.NextOffset is not null && page.NextOffset == offset)
            {
                // A server handing back the offset it was given would otherwise page forever.
                throw new AsanaApiException(HttpStatusCode.OK, [new AsanaError("Asana returned the same next_page offset it was given; paging stopped.")], resource);
            }

            offset = page.NextOffset;
        }
        while (offset is not null);
    }
}
