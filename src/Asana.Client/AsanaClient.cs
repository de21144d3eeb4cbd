using System.Globalization;
using System.Net;
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
    public AsanaPageable<AsanaWorkspace> GetWorkspacesAsync(CancellationToken cancellationToken = default) =>
        Pageable(
            "/workspaces",
            "workspace",
            (limit, offset, ct) => _api.GetWorkspaces(limit, offset, OptFields.Workspace, ct),
            WireMapper.Workspace,
            cancellationToken);

    /// <inheritdoc />
    public async Task<AsanaWorkspace> GetWorkspaceAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        var path = $"/workspaces/{workspaceGid}";
        var envelope = await _api.GetWorkspace(workspaceGid, OptFields.Workspace, cancellationToken);
        return Map(path, () => WireMapper.Workspace(Required(envelope)));
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaUser> GetUsersAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return Pageable(
            "/users",
            "user",
            (limit, offset, ct) => _api.GetUsers(workspaceGid, limit, offset, OptFields.User, ct),
            WireMapper.User,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaWorkspaceMembership> GetWorkspaceMembershipsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return Pageable(
            $"/workspaces/{workspaceGid}/workspace_memberships",
            "workspace membership",
            (limit, offset, ct) => _api.GetWorkspaceMemberships(workspaceGid, limit, offset, OptFields.WorkspaceMembership, ct),
            WireMapper.WorkspaceMembership,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTeam> GetTeamsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return Pageable(
            $"/workspaces/{workspaceGid}/teams",
            "team",
            (limit, offset, ct) => _api.GetTeams(workspaceGid, limit, offset, OptFields.Team, ct),
            WireMapper.Team,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTeamMembership> GetTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamGid);
        return Pageable(
            $"/teams/{teamGid}/team_memberships",
            "team membership",
            (limit, offset, ct) => _api.GetTeamMemberships(teamGid, limit, offset, OptFields.TeamMembership, ct),
            dto => WireMapper.TeamMembership(dto, teamGid),
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaProject> GetProjectsAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return Pageable(
            "/projects",
            "project",
            (limit, offset, ct) => _api.GetProjects(workspaceGid, limit, offset, OptFields.Project, ct),
            WireMapper.Project,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AsanaProject> GetProjectAsync(string projectGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        var path = $"/projects/{projectGid}";
        var envelope = await _api.GetProject(projectGid, OptFields.Project, cancellationToken);
        return Map(path, () => WireMapper.Project(Required(envelope)));
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaMembership> GetMembershipsAsync(string parentGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentGid);
        return Pageable(
            "/memberships",
            "membership",
            (limit, offset, ct) => _api.GetMemberships(parentGid, limit, offset, ct),
            dto => WireMapper.Membership(dto, parentGid),
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaPortfolio> GetPortfoliosAsync(string workspaceGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        return Pageable(
            "/portfolios",
            "portfolio",
            (limit, offset, ct) => _api.GetPortfolios(workspaceGid, limit, offset, OptFields.Portfolio, ct),
            WireMapper.Portfolio,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaProjectPortfolioSetting> GetProjectPortfolioSettingsAsync(string portfolioGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portfolioGid);
        return Pageable(
            $"/portfolios/{portfolioGid}/project_portfolio_settings",
            "project portfolio setting",
            (limit, offset, ct) => _api.GetProjectPortfolioSettings(portfolioGid, limit, offset, OptFields.ProjectPortfolioSetting, ct),
            dto => WireMapper.ProjectPortfolioSetting(dto, portfolioGid),
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaSection> GetSectionsAsync(string projectGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        return Pageable(
            $"/projects/{projectGid}/sections",
            "section",
            (limit, offset, ct) => _api.GetSections(projectGid, limit, offset, OptFields.Section, ct),
            WireMapper.Section,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTask> GetTasksForProjectAsync(string projectGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectGid);
        if (modifiedSince is { } since)
        {
            var instant = FormatInstant(since);
            return Pageable(
                "/tasks",
                "task",
                (limit, offset, ct) => _api.GetTasks(projectGid, null, null, instant, limit, offset, OptFields.Task, ct),
                WireMapper.Task,
                cancellationToken);
        }

        return Pageable(
            $"/projects/{projectGid}/tasks",
            "task",
            (limit, offset, ct) => _api.GetTasksForProject(projectGid, limit, offset, OptFields.Task, ct),
            WireMapper.Task,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTask> GetTasksForAssigneeAsync(string workspaceGid, string assigneeGid, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentException.ThrowIfNullOrWhiteSpace(assigneeGid);
        var since = modifiedSince is { } value ? FormatInstant(value) : null;
        return Pageable(
            "/tasks",
            "task",
            (limit, offset, ct) => _api.GetTasks(null, assigneeGid, workspaceGid, since, limit, offset, OptFields.Task, ct),
            WireMapper.Task,
            cancellationToken);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTask> GetTasksForUserTaskListAsync(string userTaskListGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userTaskListGid);
        return Pageable(
            $"/user_task_lists/{userTaskListGid}/tasks",
            "task",
            (limit, offset, ct) => _api.GetTasksForUserTaskList(userTaskListGid, limit, offset, OptFields.Task, ct),
            WireMapper.Task,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AsanaTask> GetTaskAsync(string taskGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskGid);
        var path = $"/tasks/{taskGid}";
        var envelope = await _api.GetTask(taskGid, OptFields.Task, cancellationToken);
        return Map(path, () => WireMapper.Task(Required(envelope)));
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaTask> GetSubtasksAsync(string taskGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskGid);
        return Pageable(
            $"/tasks/{taskGid}/subtasks",
            "task",
            (limit, offset, ct) => _api.GetSubtasks(taskGid, limit, offset, OptFields.Task, ct),
            WireMapper.Task,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AsanaTaskSearchResult> SearchTasksAsync(string workspaceGid, AsanaTaskSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, 100);
        if (search.ResourceSubtype is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(search.ResourceSubtype, nameof(search));
        }

        var path = $"/workspaces/{workspaceGid}/tasks/search";
        SearchEnvelope? envelope;
        try
        {
            envelope = await _api.SearchTasks(
                workspaceGid,
                search.Text,
                search.ResourceSubtype,
                search.CreatedAfter is { } created ? FormatInstant(created) : null,
                search.ModifiedAfter is { } modified ? FormatInstant(modified) : null,
                search.IsSubtask is { } isSubtask ? (isSubtask ? "true" : "false") : null,
                "created_at",
                "true",
                search.Limit,
                OptFields.Task,
                cancellationToken);
        }
        catch (AsanaApiException ex) when (ex.StatusCode == HttpStatusCode.PaymentRequired)
        {
            Log.SearchNotAvailable(_logger, workspaceGid);
            return AsanaTaskSearchResult.NotAvailable;
        }

        return new AsanaTaskSearchResult(true, Map(path, () => WireMapper.Items(envelope?.Data, "task", WireMapper.Task)));
    }

    /// <inheritdoc />
    public async Task<AsanaEventBatch> GetEventsAsync(string resourceGid, string? syncToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceGid);
        using var response = await _api.GetEvents(resourceGid, string.IsNullOrEmpty(syncToken) ? null : syncToken, cancellationToken);

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

        var events = Map("/events", () => WireMapper.Items(envelope.Data, "event", WireMapper.Event));
        return new AsanaEventBatch(events, envelope.Sync, envelope.HasMore ?? false, SyncTokenReset: false);
    }

    /// <inheritdoc />
    public AsanaPageable<AsanaWebhook> GetWebhooksAsync(string workspaceGid, string? resourceGid = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceGid);
        if (resourceGid is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(resourceGid);
        }

        return Pageable(
            "/webhooks",
            "webhook",
            (limit, offset, ct) => _api.GetWebhooks(workspaceGid, resourceGid, limit, offset, OptFields.Webhook, ct),
            WireMapper.Webhook,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AsanaWebhook> CreateWebhookAsync(string resourceGid, Uri target, IReadOnlyList<AsanaWebhookFilter>? filters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceGid);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook target must be an absolute URL.", nameof(target));
        }

        var wireFilters = filters is { Count: > 0 } ? filters.Select(WireMapper.WebhookFilter).ToList() : null;
        var body = new DataEnvelope<WebhookRequestDto>(new WebhookRequestDto(resourceGid, target.AbsoluteUri, wireFilters));
        var envelope = await _api.CreateWebhook(body, OptFields.Webhook, cancellationToken);
        return Map("/webhooks", () => WireMapper.Webhook(Required(envelope)));
    }

    /// <inheritdoc />
    public Task DeleteWebhookAsync(string webhookGid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookGid);
        return _api.DeleteWebhook(webhookGid, cancellationToken);
    }

    /// <summary>Disposes what <see cref="Create"/> built (HTTP handlers, throttle timer). A DI-built client owns nothing.</summary>
    public void Dispose() => _owned?.Dispose();

    /// <summary>Names the client and its base address; never the token.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"AsanaClient {{ BaseAddress = {_baseAddress}, PageSize = {_pageSize} }}";

    private static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static T Required<T>(DataEnvelope<T>? envelope)
        where T : class =>
        envelope?.Data ?? throw new InvalidResponseShapeException("Asana returned no 'data' object");

    /// <summary>
    /// Runs a mapping; a record the models cannot take becomes an <see cref="AsanaApiException"/> naming the endpoint.
    /// The mappers' messages leave the endpoint out: this is the one place that knows it.
    /// </summary>
    private static T Map<T>(string path, Func<T> map)
    {
        try
        {
            return map();
        }
        catch (InvalidResponseShapeException ex)
        {
            throw ShapeError(ex, path);
        }
    }

    // A well-formed body that lacks what the models need is not transient: this is thrown after the resilience
    // pipeline has returned, so it is never retried.
    private static AsanaApiException ShapeError(InvalidResponseShapeException ex, string path) =>
        new(HttpStatusCode.OK, [new AsanaError($"{ex.Message} from {path}")], path);

    private AsanaPageable<TModel> Pageable<TDto, TModel>(
        string path,
        string kind,
        Func<int, string?, CancellationToken, Task<ListEnvelope<TDto>>> call,
        Func<TDto, TModel> map,
        CancellationToken cancellationToken)
        where TDto : class =>
        new(path, (offset, pageSize, ct) => PageAsync(path, kind, call(pageSize ?? _pageSize, offset, ct), map), cancellationToken);

    private async Task<AsanaPage<TModel>> PageAsync<TDto, TModel>(string path, string kind, Task<ListEnvelope<TDto>> call, Func<TDto, TModel> map)
        where TDto : class
    {
        var envelope = await call;
        var page = Map(path, () => WireMapper.ToPage(envelope, kind, map));
        Log.PageRead(_logger, path, page.Items.Count, page.NextOffset is not null);
        return page;
    }
}
