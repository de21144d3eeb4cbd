using System.Collections.Concurrent;
using System.Net;
using Asana.Client;
using Asana.Client.Models;
using Asana.Permissions.Sources;
using Microsoft.Extensions.Logging;

namespace Asana.Sync.Internal;

/// <summary>
/// The crawl of one sync: everything read so far, counted requests, warnings, floor statistics. Its inputs come in through
/// the constructor: in an incremental sync, the stored tasks seed <see cref="Tasks"/>, decide when a listed task's
/// subtasks are read again, and every stored child a fresh subtask listing no longer returns lands in
/// <see cref="MissingStoredChildren"/>, for the engine to re-read.
/// </summary>
internal sealed class SyncRun
{
    private readonly ILookup<string, string>? _storedChildren;
    private readonly IAsanaClient _client;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _subtasksRequested = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SyncWarning> _warnings = new();
    private readonly ConcurrentDictionary<string, int> _sectionCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _taskListCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _subtaskListCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _assigneeListCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _teamMemberCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _projectMemberCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Settings, int Members)> _portfolioListCounts = new(StringComparer.Ordinal);
    private int? _portfolioCount;
    private int _tasksSeen;
    private SearchOutcome? _search;
    private List<SearchOutcome> _searches = [];
    private readonly AsanaClientStatistics _clientAtStart;

    /// <param name="client">The Asana client.</param>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="options">The sync options.</param>
    /// <param name="modifiedSince">The lookback window's start, or null.</param>
    /// <param name="stored">The stored tasks of an incremental sync; null for a full sync.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="onRequest">Called after each request (progress).</param>
    public SyncRun(IAsanaClient client, string workspaceGid, AsanaSyncOptions options, DateTimeOffset? modifiedSince, IReadOnlyDictionary<string, TaskState>? stored, ILogger logger, Action<SyncRun> onRequest)
    {
        _client = client;
        WorkspaceGid = workspaceGid;
        Options = options;
        ModifiedSince = modifiedSince;
        Stored = stored;
        _logger = logger;
        Calls = new ApiCalls(() => onRequest(this));
        _clientAtStart = client.Statistics;
        if (stored is not null)
        {
            foreach (var (gid, state) in stored)
            {
                Tasks[gid] = state;
            }

            _storedChildren = stored.Values.Where(t => t.Record.ParentGid is not null)
                .ToLookup(t => t.Record.ParentGid!, t => t.Record.Gid, StringComparer.Ordinal);
        }
    }

    /// <summary>The stored tasks this incremental sync starts from; null in a full sync.</summary>
    public IReadOnlyDictionary<string, TaskState>? Stored { get; }

    /// <summary>How a task read from a listing gets its subtasks: always in a full sync, only when new or changed otherwise.</summary>
    private SubtaskReads ListedTaskSubtasks => Stored is null ? SubtaskReads.Always : SubtaskReads.WhenChanged;

    /// <summary>Stored children that a fresh listing of their parent's subtasks no longer returned (or could not read).</summary>
    public ConcurrentDictionary<string, byte> MissingStoredChildren { get; } = new(StringComparer.Ordinal);

    /// <summary>Retries the client made since this run started (a client shared with concurrent syncs counts theirs too).</summary>
    public int Retries => (int)_client.Statistics.Since(_clientAtStart).Retries;

    public string WorkspaceGid { get; }

    public AsanaSyncOptions Options { get; }

    public DateTimeOffset? ModifiedSince { get; }

    public ApiCalls Calls { get; }

    public int TasksSeen => Volatile.Read(ref _tasksSeen);

    public bool ProjectlessScanned { get; set; }

    /// <summary>Whether the workspace task search answered in this run: null when it was not asked.</summary>
    public bool? SearchAvailable => _search?.Available;

    public IReadOnlyList<SyncWarning> Warnings => [.. _warnings];

    // Permission-bearing data.
    public WorkspaceRecord? Workspace { get; private set; }

    public List<UserRecord> Users { get; } = [];

    public List<WorkspaceMembershipRecord> WorkspaceMemberships { get; } = [];

    public List<TeamRecord> Teams { get; } = [];

    public ConcurrentDictionary<string, IReadOnlyList<TeamMembershipRecord>> TeamMemberships { get; } = new(StringComparer.Ordinal);

    public List<ProjectRecord> Projects { get; } = [];

    public ConcurrentDictionary<string, IReadOnlyList<ProjectMembershipRecord>> ProjectMemberships { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, IReadOnlyList<SectionRecord>> Sections { get; } = new(StringComparer.Ordinal);

    /// <summary>Portfolios whose project settings and members could both be read.</summary>
    public ConcurrentDictionary<string, PortfolioRecord> Portfolios { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, IReadOnlyList<PortfolioMembershipRecord>> PortfolioMemberships { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, IReadOnlyList<ProjectPortfolioSettingRecord>> PortfolioSettings { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> ProjectTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Projects whose tasks could not be read (403/404): their task grants are absent.</summary>
    public ConcurrentDictionary<string, byte> UnreadableProjects { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TaskState> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>Tasks whose record was read from Asana in this run (any listing, or a re-read).</summary>
    public ConcurrentDictionary<string, byte> Fresh { get; } = new(StringComparer.Ordinal);

    /// <summary>Tasks whose subtasks were listed in this run: each of their stored children was either listed or reported missing.</summary>
    public ConcurrentDictionary<string, byte> Relisted { get; } = new(StringComparer.Ordinal);

    public void Warn(string code, string? resourceGid, string message)
    {
        var warning = new SyncWarning(code, resourceGid, message);
        _warnings.Enqueue(warning);
        Log.SyncWarning(_logger, code, resourceGid, message);
    }

    // ---- permission-bearing data (every sync) ----

    public async Task ReadPermissionDataAsync(CancellationToken cancellationToken)
    {
        AsanaWorkspace workspace;
        try
        {
            workspace = await Calls.CallAsync(ApiCallKinds.Workspace, () => _client.GetWorkspaceAsync(WorkspaceGid, cancellationToken));
            GidCheck.Require(workspace, $"/workspaces/{WorkspaceGid}");
        }
        catch (AsanaApiException ex)
        {
            throw Fatal(ex, "reading the workspace");
        }

        Workspace = new WorkspaceRecord(workspace.Gid, workspace.Name ?? string.Empty, workspace.IsOrganization);

        var usersTask = WorkspaceListAsync(ApiCallKinds.Users, _client.GetUsersAsync(WorkspaceGid, cancellationToken), "listing users",
            users => GidCheck.Require(users, "/users"), cancellationToken);
        var membershipsTask = WorkspaceListAsync(ApiCallKinds.WorkspaceMemberships, _client.GetWorkspaceMembershipsAsync(WorkspaceGid, cancellationToken), "listing workspace memberships",
            memberships => GidCheck.Require(memberships, $"/workspaces/{WorkspaceGid}/workspace_memberships"), cancellationToken);
        var teamsTask = workspace.IsOrganization
            ? WorkspaceListAsync(ApiCallKinds.Teams, _client.GetTeamsAsync(WorkspaceGid, cancellationToken), "listing teams",
                teams => GidCheck.Require(teams, $"/workspaces/{WorkspaceGid}/teams"), cancellationToken)
            : Task.FromResult(new List<AsanaTeam>());
        var projectsTask = WorkspaceListAsync(ApiCallKinds.Projects, _client.GetProjectsAsync(WorkspaceGid, cancellationToken), "listing projects",
            projects => GidCheck.Require(projects, "/projects"), cancellationToken);
        await Task.WhenAll(usersTask, membershipsTask, teamsTask, projectsTask);

        SetUsers(usersTask.Result, membershipsTask.Result);
        SetTeams(teamsTask.Result);
        SetProjects(projectsTask.Result);

        var queue = new WorkQueue();
        foreach (var team in Teams)
        {
            queue.Enqueue(ct => ReadTeamMembershipsAsync(team.Gid, ct));
        }

        foreach (var project in Projects)
        {
            queue.Enqueue(ct => ReadProjectMembershipsAsync(project.Gid, ct));
        }

        queue.Enqueue(ct => ReadPortfoliosAsync(queue, ct));
        await queue.RunAsync(Options.MaxParallelism, cancellationToken);
    }

    /// <summary>
    /// Portfolios, and for each its project settings and members: a project that inherits a portfolio's access control
    /// opens to the portfolio's members. Only a service account lists every portfolio of a workspace (a personal token
    /// lists the ones its user owns); a portfolio or listing that cannot be read grants nothing, with a warning.
    /// </summary>
    private async Task ReadPortfoliosAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        List<AsanaPortfolio> portfolios;
        try
        {
            portfolios = await Calls.ListAsync(ApiCallKinds.Portfolios, _client.GetPortfoliosAsync(WorkspaceGid, cancellationToken), cancellationToken);
            GidCheck.Require(portfolios, "/portfolios");
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex) || ex.StatusCode == HttpStatusCode.PaymentRequired)
        {
            Warn("portfolios_unreadable", WorkspaceGid, $"Asana answered {(int)ex.StatusCode} for the workspace's portfolios: grants through portfolios are absent.");
            return;
        }

        _portfolioCount = portfolios.Count;
        foreach (var portfolio in portfolios.DistinctBy(p => p.Gid))
        {
            var record = new PortfolioRecord(portfolio.Gid, portfolio.Name ?? string.Empty);
            queue.Enqueue(async ct =>
            {
                try
                {
                    var settings = Calls.ListAsync(ApiCallKinds.PortfolioSettings, _client.GetProjectPortfolioSettingsAsync(record.Gid, ct), ct);
                    var members = Calls.ListAsync(ApiCallKinds.PortfolioMemberships, _client.GetMembershipsAsync(record.Gid, ct), ct);
                    await Task.WhenAll(settings, members);
                    GidCheck.Require(settings.Result, $"/portfolios/{record.Gid}/project_portfolio_settings");
                    GidCheck.Require(members.Result, "/memberships");
                    _portfolioListCounts[record.Gid] = (settings.Result.Count, members.Result.Count);
                    PortfolioSettings[record.Gid] = settings.Result
                        .Select(s => new ProjectPortfolioSettingRecord(record.Gid, s.Project.Gid, s.IsAccessControlInherited))
                        .DistinctBy(s => s.ProjectGid).ToList();
                    PortfolioMemberships[record.Gid] = members.Result
                        .Select(m => Mapper.ToMember(m) is { } member ? new PortfolioMembershipRecord(record.Gid, member.Gid, member.Kind) : null)
                        .OfType<PortfolioMembershipRecord>().Distinct().ToList();
                    Portfolios[record.Gid] = record;
                }
                catch (AsanaApiException ex) when (IsScopedDenial(ex))
                {
                    Warn("portfolio_unreadable", record.Gid, $"Asana answered {(int)ex.StatusCode} for the portfolio's projects or members: grants through it are absent.");
                }
            });
        }
    }

    private async Task ReadTeamMembershipsAsync(string teamGid, CancellationToken cancellationToken)
    {
        try
        {
            var list = await Calls.ListAsync(ApiCallKinds.TeamMemberships, _client.GetTeamMembershipsAsync(teamGid, cancellationToken), cancellationToken);
            GidCheck.Require(list, $"/teams/{teamGid}/team_memberships");
            _teamMemberCounts[teamGid] = list.Count;
            TeamMemberships[teamGid] = list.DistinctBy(m => m.User.Gid).Select(m => new TeamMembershipRecord(teamGid, m.User.Gid, m.IsGuest, m.IsLimitedAccess)).ToList();
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            TeamMemberships[teamGid] = [];
            Warn("team_memberships_unreadable", teamGid, $"Asana answered {(int)ex.StatusCode} for the team's memberships: grants through this team are absent.");
        }
    }

    private async Task ReadProjectMembershipsAsync(string projectGid, CancellationToken cancellationToken)
    {
        try
        {
            var list = await Calls.ListAsync(ApiCallKinds.ProjectMemberships, _client.GetMembershipsAsync(projectGid, cancellationToken), cancellationToken);
            GidCheck.Require(list, "/memberships");
            _projectMemberCounts[projectGid] = list.Count;
            ProjectMemberships[projectGid] = list.Select(m => Mapper.ToRecord(projectGid, m)).OfType<ProjectMembershipRecord>().Distinct().ToList();
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            ProjectMemberships[projectGid] = [];
            Warn("project_memberships_unreadable", projectGid, $"Asana answered {(int)ex.StatusCode} for the project's memberships: grants to its members are absent.");
        }
    }

    // ---- targeted refresh: the stored state stands in for what is not read again ----

    /// <summary>Takes the stored permission-bearing records and event tokens as this run's own; a refresh replaces parts.</summary>
    public void Seed(Asana.Permissions.Sources.WorkspaceData data, IReadOnlyDictionary<string, string> projectTokens)
    {
        Workspace = data.Workspace;
        Users.AddRange(data.Users);
        WorkspaceMemberships.AddRange(data.WorkspaceMemberships);
        Teams.AddRange(data.Teams);
        foreach (var group in data.TeamMemberships.GroupBy(m => m.TeamGid, StringComparer.Ordinal))
        {
            TeamMemberships[group.Key] = group.ToList();
        }

        Projects.AddRange(data.Projects);
        foreach (var group in data.ProjectMemberships.GroupBy(m => m.ProjectGid, StringComparer.Ordinal))
        {
            ProjectMemberships[group.Key] = group.ToList();
        }

        foreach (var group in data.Sections.GroupBy(s => s.ProjectGid, StringComparer.Ordinal))
        {
            Sections[group.Key] = group.ToList();
        }

        foreach (var portfolio in data.Portfolios)
        {
            Portfolios[portfolio.Gid] = portfolio;
        }

        foreach (var group in data.PortfolioMemberships.GroupBy(m => m.PortfolioGid, StringComparer.Ordinal))
        {
            PortfolioMemberships[group.Key] = group.ToList();
        }

        foreach (var group in data.ProjectPortfolioSettings.GroupBy(s => s.PortfolioGid, StringComparer.Ordinal))
        {
            PortfolioSettings[group.Key] = group.ToList();
        }

        foreach (var (project, token) in projectTokens)
        {
            ProjectTokens[project] = token;
        }
    }

    /// <summary>Lists the users and workspace memberships again (a refresh).</summary>
    public async Task ReadUsersAsync(CancellationToken cancellationToken)
    {
        var usersTask = WorkspaceListAsync(ApiCallKinds.Users, _client.GetUsersAsync(WorkspaceGid, cancellationToken), "listing users",
            users => GidCheck.Require(users, "/users"), cancellationToken);
        var membershipsTask = WorkspaceListAsync(ApiCallKinds.WorkspaceMemberships, _client.GetWorkspaceMembershipsAsync(WorkspaceGid, cancellationToken), "listing workspace memberships",
            memberships => GidCheck.Require(memberships, $"/workspaces/{WorkspaceGid}/workspace_memberships"), cancellationToken);
        await Task.WhenAll(usersTask, membershipsTask);
        SetUsers(usersTask.Result, membershipsTask.Result);
    }

    /// <summary>Lists the teams again (a refresh); memberships of teams no longer listed go with them.</summary>
    public async Task ReadTeamsAsync(CancellationToken cancellationToken)
    {
        if (Workspace?.IsOrganization != true)
        {
            return;
        }

        SetTeams(await WorkspaceListAsync(ApiCallKinds.Teams, _client.GetTeamsAsync(WorkspaceGid, cancellationToken), "listing teams",
            teams => GidCheck.Require(teams, $"/workspaces/{WorkspaceGid}/teams"), cancellationToken));
        var current = Teams.Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in TeamMemberships.Keys.Where(g => !current.Contains(g)).ToList())
        {
            TeamMemberships.TryRemove(gone, out _);
        }
    }

    /// <summary>Lists the projects again (a refresh) and returns the gids of those no longer listed.</summary>
    public async Task<IReadOnlyList<string>> ReadProjectListAsync(CancellationToken cancellationToken)
    {
        var before = Projects.Select(p => p.Gid).ToList();
        SetProjects(await WorkspaceListAsync(ApiCallKinds.Projects, _client.GetProjectsAsync(WorkspaceGid, cancellationToken), "listing projects",
            projects => GidCheck.Require(projects, "/projects"), cancellationToken));
        var current = Projects.Select(p => p.Gid).ToHashSet(StringComparer.Ordinal);
        var gone = before.Where(g => !current.Contains(g)).ToList();
        foreach (var gid in gone)
        {
            ProjectMemberships.TryRemove(gid, out _);
            Sections.TryRemove(gid, out _);
            ProjectTokens.TryRemove(gid, out _);
        }

        return gone;
    }

    /// <summary>Reads the portfolios, their settings and members again (a refresh).</summary>
    public async Task ReadPortfoliosAgainAsync(CancellationToken cancellationToken)
    {
        Portfolios.Clear();
        PortfolioMemberships.Clear();
        PortfolioSettings.Clear();
        var queue = new WorkQueue();
        queue.Enqueue(ct => ReadPortfoliosAsync(queue, ct));
        await queue.RunAsync(Options.MaxParallelism, cancellationToken);
    }

    /// <summary>Reads one team's memberships again.</summary>
    public Task ReadTeamMembersAsync(string teamGid, CancellationToken cancellationToken) => ReadTeamMembershipsAsync(teamGid, cancellationToken);

    /// <summary>Reads one project's members again.</summary>
    public Task ReadProjectMembersAsync(string projectGid, CancellationToken cancellationToken) => ReadProjectMembershipsAsync(projectGid, cancellationToken);

    private void SetUsers(List<AsanaUser> listedUsers, List<AsanaWorkspaceMembership> listedMemberships)
    {
        var memberships = new Dictionary<string, AsanaWorkspaceMembership>(StringComparer.Ordinal);
        foreach (var membership in listedMemberships)
        {
            memberships[membership.User.Gid] = membership;
        }

        var users = new Dictionary<string, UserRecord>(StringComparer.Ordinal);
        foreach (var user in listedUsers)
        {
            users[user.Gid] = new UserRecord(user.Gid, user.Name ?? string.Empty, user.Email);
        }

        foreach (var membership in memberships.Values)
        {
            users.TryAdd(membership.User.Gid, new UserRecord(membership.User.Gid, membership.User.Name ?? string.Empty, null));
        }

        Users.Clear();
        WorkspaceMemberships.Clear();
        foreach (var user in users.Values.OrderBy(u => u.Gid, StringComparer.Ordinal))
        {
            Users.Add(user);
            // A user without a readable workspace membership holds nothing (fail closed).
            WorkspaceMemberships.Add(memberships.TryGetValue(user.Gid, out var m)
                ? new WorkspaceMembershipRecord(user.Gid, m.IsActive, m.IsAdmin, m.IsGuest)
                : new WorkspaceMembershipRecord(user.Gid, false, false, false));
        }
    }

    private void SetTeams(List<AsanaTeam> teams)
    {
        Teams.Clear();
        Teams.AddRange(teams.DistinctBy(t => t.Gid).Select(t => new TeamRecord(t.Gid, t.Name ?? string.Empty, t.Description)));
    }

    private void SetProjects(List<AsanaProject> projects)
    {
        Projects.Clear();
        Projects.AddRange(projects.DistinctBy(p => p.Gid).Select(Mapper.ToRecord));
    }

    // ---- tasks ----

    /// <summary>Crawls one project in full: event sync token first (so nothing changed during the crawl is lost), then its tasks; sections separately.</summary>
    public void EnqueueProjectCrawl(WorkQueue queue, string projectGid, bool needsToken, ConcurrentDictionary<string, byte>? listed = null)
    {
        queue.Enqueue(ct => ReadSectionsAsync(projectGid, ct));
        queue.Enqueue(async ct =>
        {
            if (needsToken)
            {
                await ObtainTokenAsync(projectGid, ct);
            }

            try
            {
                var tasks = await Calls.ListAsync(ApiCallKinds.ProjectTasks, _client.GetTasksForProjectAsync(projectGid, ModifiedSince, ct), ct);
                GidCheck.Require(tasks, ModifiedSince is null ? $"/projects/{projectGid}/tasks" : "/tasks");
                _taskListCounts[projectGid] = tasks.Count;
                foreach (var task in tasks)
                {
                    listed?.TryAdd(task.Gid, 0);
                    AddTask(queue, task, null, SubtaskReads.Always);
                }
            }
            catch (AsanaApiException ex) when (IsScopedDenial(ex))
            {
                UnreadableProjects.TryAdd(projectGid, 0);
                Warn("project_tasks_unreadable", projectGid, $"Asana answered {(int)ex.StatusCode} for the project's tasks: its tasks grant nothing through this project.");
            }
        });
    }

    public async Task ReadSectionsAsync(string projectGid, CancellationToken cancellationToken)
    {
        try
        {
            var sections = await Calls.ListAsync(ApiCallKinds.Sections, _client.GetSectionsAsync(projectGid, cancellationToken), cancellationToken);
            GidCheck.Require(sections, $"/projects/{projectGid}/sections");
            _sectionCounts[projectGid] = sections.Count;
            Sections[projectGid] = sections.DistinctBy(s => s.Gid).Select(s => new SectionRecord(s.Gid, s.Name ?? string.Empty, projectGid)).ToList();
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            Sections[projectGid] = [];
            Warn("project_sections_unreadable", projectGid, $"Asana answered {(int)ex.StatusCode} for the project's sections.");
        }
    }

    public async Task ObtainTokenAsync(string projectGid, CancellationToken cancellationToken)
    {
        try
        {
            var batch = await Calls.CallAsync(ApiCallKinds.Events, () => _client.GetEventsAsync(projectGid, null, cancellationToken));
            ProjectTokens[projectGid] = batch.SyncToken;
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            Warn("project_events_unreadable", projectGid, $"Asana answered {(int)ex.StatusCode} for the project's event stream: the next sync crawls it in full.");
        }
    }

    /// <summary>Reads the project's events since <paramref name="token"/>. Null when the token was rejected (412): re-crawl.</summary>
    public async Task<List<AsanaEvent>?> ReadEventsAsync(string projectGid, string token, CancellationToken cancellationToken)
    {
        var events = new List<AsanaEvent>();
        var current = token;
        while (true)
        {
            var sync = current;
            var batch = await Calls.CallAsync(ApiCallKinds.Events, () => _client.GetEventsAsync(projectGid, sync, cancellationToken));
            ProjectTokens[projectGid] = batch.SyncToken;
            if (batch.SyncTokenReset)
            {
                return null;
            }

            GidCheck.Require(batch.Events, "/events");
            events.AddRange(batch.Events);
            if (!batch.HasMore || batch.SyncToken == current)
            {
                return events;
            }

            current = batch.SyncToken;
        }
    }

    public void EnqueueAssigneeListings(WorkQueue queue, ConcurrentDictionary<string, byte>? listed = null)
    {
        if (!Options.IncludeProjectlessTasks)
        {
            return;
        }

        foreach (var membership in WorkspaceMemberships.Where(m => m.IsActive))
        {
            var user = membership.UserGid;
            queue.Enqueue(async ct =>
            {
                try
                {
                    var tasks = await Calls.ListAsync(ApiCallKinds.AssigneeTasks, _client.GetTasksForAssigneeAsync(WorkspaceGid, user, ModifiedSince, ct), ct);
                    GidCheck.Require(tasks, "/tasks");
                    _assigneeListCounts[user] = tasks.Count;
                    foreach (var task in tasks)
                    {
                        listed?.TryAdd(task.Gid, 0);
                        AddTask(queue, task, null, ListedTaskSubtasks);
                    }
                }
                catch (AsanaApiException ex) when (IsScopedDenial(ex))
                {
                    Warn("assigned_tasks_unreadable", null, $"Asana answered {(int)ex.StatusCode} for one user's assigned tasks: project-less tasks assigned to that user are absent.");
                }
            });
        }
    }

    /// <summary>
    /// The task subtypes Asana's search declares. A search that names none finds milestones only (the declared default
    /// of <c>resource_subtype</c>), so every subtype is searched on its own, each paged to its end.
    /// </summary>
    public static readonly IReadOnlyList<string> SearchSubtypes = ["default_task", "milestone", "approval", "custom"];

    /// <summary>
    /// Pages through the workspace task search for top-level tasks (<c>is_subtask=false</c>) of every subtype, optionally
    /// only those modified after <paramref name="modifiedAfter"/>, and adds the project-less ones (projects are crawled or
    /// followed through their events). In a full sync a task another listing already
    /// returned is left alone: the search index lags. In an incremental sync a returned task that is project-less now, or
    /// was before, is taken as its current record. Nothing is ever removed because search did not return it.
    /// </summary>
    public async Task SearchTasksAsync(WorkQueue queue, DateTimeOffset? modifiedAfter, ConcurrentDictionary<string, byte>? listed, CancellationToken cancellationToken)
    {
        var outcomes = new List<SearchOutcome>(SearchSubtypes.Count);
        try
        {
            foreach (var subtype in SearchSubtypes)
            {
                var outcome = await SearchPager.PageAsync(
                    async cursor =>
                    {
                        var search = new AsanaTaskSearch(CreatedAfter: cursor, ModifiedAfter: modifiedAfter, IsSubtask: false, Limit: SearchPager.PageSize, ResourceSubtype: subtype);
                        var result = await Calls.CallAsync(ApiCallKinds.Search, () => _client.SearchTasksAsync(WorkspaceGid, search, cancellationToken), page: true);
                        GidCheck.Require(result.Tasks, $"/workspaces/{WorkspaceGid}/tasks/search");
                        return result.IsAvailable ? result.Tasks : null;
                    },
                    task => OnSearchResult(queue, task, listed),
                    SearchPager.PageSize,
                    cancellationToken);
                outcomes.Add(outcome);
                if (!outcome.Available)
                {
                    break; // 402: search is not available to this token, whatever the subtype
                }
            }
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex) || ex.StatusCode == HttpStatusCode.BadRequest)
        {
            _search = new SearchOutcome(false, outcomes.Sum(o => o.Pages) + 1, 0, Complete: false, SkippedTies: false);
            Warn("task_search_failed", WorkspaceGid, $"Asana answered {(int)ex.StatusCode} to the workspace task search: project-less tasks only followed (not assigned) may be missing.");
            return;
        }

        _searches = outcomes;
        _search = new SearchOutcome(
            outcomes[0].Available,
            outcomes.Sum(o => o.Pages),
            outcomes.Sum(o => o.Distinct),
            Complete: outcomes.Count == SearchSubtypes.Count && outcomes.TrueForAll(o => o.Complete),
            SkippedTies: outcomes.Exists(o => o.SkippedTies));
        if (_search.Available && !_search.Complete)
        {
            Warn("task_search_incomplete", WorkspaceGid, "The workspace task search stopped before its end: some project-less tasks that are only followed may be missing.");
        }

        if (_search.SkippedTies)
        {
            Warn("task_search_ties", WorkspaceGid, $"More than {SearchPager.PageSize} tasks share one creation instant, which search cannot page through: some project-less tasks among them may be missing.");
        }
    }

    private void OnSearchResult(WorkQueue queue, AsanaTask task, ConcurrentDictionary<string, byte>? listed)
    {
        var previous = Stored;
        // Only what search alone can find: top-level tasks with no project (memberships requested, and empty).
        var projectless = task.Parent is null && task.Memberships is { Count: 0 };
        if (previous is null)
        {
            if (projectless && !Tasks.ContainsKey(task.Gid))
            {
                listed?.TryAdd(task.Gid, 0);
                AddTask(queue, task, null, SubtaskReads.Always);
            }

            return;
        }

        var wasProjectless = previous.TryGetValue(task.Gid, out var old) && old.Record.ParentGid is null && old.Record.Memberships.Count == 0;
        if (task.Parent is null && task.Memberships is not null && (projectless || wasProjectless))
        {
            listed?.TryAdd(task.Gid, 0);
            AddTask(queue, task, null, SubtaskReads.WhenChanged);
        }
    }

    /// <summary>
    /// Records a task read from Asana. A task with subtasks gets them read (once per run) as <paramref name="subtasks"/>
    /// says: always (a full crawl), when it is new or its <c>num_subtasks</c> differs from the stored one, or never (the
    /// caller decides).
    /// </summary>
    public void AddTask(WorkQueue queue, AsanaTask task, string? parentGid, SubtaskReads subtasks)
    {
        // No lookback check here: every listing that takes the window filters on the server (modified_since counts a
        // task joining a project, which its modified_at does not show), and an event names a task whatever its age.
        var record = Mapper.ToRecord(task, parentGid);
        var num = task.NumSubtasks ?? 0;
        Tasks[task.Gid] = new TaskState(record, num);
        Fresh.TryAdd(task.Gid, 0);
        Interlocked.Increment(ref _tasksSeen);
        if (num <= 0)
        {
            return;
        }

        var wanted = subtasks switch
        {
            SubtaskReads.Always => true,
            SubtaskReads.WhenChanged => Stored is not null && (!Stored.TryGetValue(task.Gid, out var old) || old.NumSubtasks != num),
            _ => false,
        };
        if (wanted && _subtasksRequested.TryAdd(task.Gid, 0))
        {
            queue.Enqueue(ct => ReadSubtasksAsync(queue, task.Gid, ApiCallKinds.Subtasks, ct));
        }
    }

    public bool TryClaimSubtasks(string taskGid) => _subtasksRequested.TryAdd(taskGid, 0);

    /// <summary>Reports stored children of <paramref name="parentGid"/> that are not in <paramref name="listed"/> (all of them when null).</summary>
    public void ReportMissingChildren(string parentGid, IReadOnlyCollection<AsanaTask>? listed)
    {
        if (_storedChildren is null)
        {
            return;
        }

        var now = listed?.Select(c => c.Gid).ToHashSet(StringComparer.Ordinal);
        foreach (var child in _storedChildren[parentGid])
        {
            if (now is null || !now.Contains(child))
            {
                MissingStoredChildren.TryAdd(child, 0);
            }
        }
    }

    /// <summary>Lists a task's subtasks; <paramref name="kind"/> says why (counted apart: see <see cref="ApiCallKinds.UnstreamedSubtasks"/>).</summary>
    public async Task<List<AsanaTask>?> ReadSubtasksAsync(WorkQueue queue, string parentGid, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var children = await Calls.ListAsync(kind, _client.GetSubtasksAsync(parentGid, cancellationToken), cancellationToken);
            GidCheck.Require(children, $"/tasks/{parentGid}/subtasks");
            _subtaskListCounts[parentGid] = children.Count;
            foreach (var child in children)
            {
                if (ModifiedSince is { } since && child.ModifiedAt is { } modified && modified < since)
                {
                    continue;
                }

                AddTask(queue, child with { Parent = child.Parent ?? new AsanaReference(parentGid, "task") }, parentGid, ListedTaskSubtasks);
            }

            // A stored child no longer listed was deleted or moved: whoever re-reads it learns which.
            ReportMissingChildren(parentGid, children);
            Relisted.TryAdd(parentGid, 0);
            return children;
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            Warn("subtasks_unreadable", parentGid, $"Asana answered {(int)ex.StatusCode} for the task's subtasks: they are absent.");
            ReportMissingChildren(parentGid, null);
            return null;
        }
    }

    /// <summary>GET /tasks/{gid}: the task, or null when it is gone or no longer readable (404/403).</summary>
    public async Task<AsanaTask?> RefetchAsync(string taskGid, CancellationToken cancellationToken)
    {
        try
        {
            var task = await Calls.CallAsync(ApiCallKinds.Task, () => _client.GetTaskAsync(taskGid, cancellationToken));
            GidCheck.Require(task, $"/tasks/{taskGid}");
            return task;
        }
        catch (AsanaApiException ex) when (IsScopedDenial(ex))
        {
            return null;
        }
    }

    // ---- floor ----

    public CallFloor ComputeFloor()
    {
        const int L = 100;
        static int Pages(int n) => (Math.Max(n, 1) + L - 1) / L;
        static int PagesOrZero(int n) => (n + L - 1) / L;
        var section3 = Pages(Users.Count)
            + (Workspace?.IsOrganization == true ? Pages(Teams.Count) + Teams.Sum(t => Pages(_teamMemberCounts.GetValueOrDefault(t.Gid))) : 0)
            + Pages(Projects.Count)
            + Projects.Sum(p => Pages(_sectionCounts.GetValueOrDefault(p.Gid)))
            + Projects.Sum(p => Pages(_taskListCounts.GetValueOrDefault(p.Gid)))
            + _subtaskListCounts.Values.Sum(PagesOrZero)
            + Projects.Sum(p => Pages(_projectMemberCounts.GetValueOrDefault(p.Gid)));
        var contract = section3 + 1 + Pages(WorkspaceMemberships.Count) + Projects.Count
            + (Options.IncludeProjectlessTasks ? WorkspaceMemberships.Where(m => m.IsActive).Sum(m => Pages(_assigneeListCounts.GetValueOrDefault(m.UserGid))) : 0)
            + (_search is null ? 0 : _search.Available ? _searches.Sum(s => PagesOrZero(s.Distinct + 1)) : _search.Pages)
            + (_portfolioCount is { } portfolios ? Pages(portfolios) + _portfolioListCounts.Values.Sum(c => Pages(c.Settings) + Pages(c.Members)) : 1);
        return new CallFloor(section3, contract);
    }

    // ---- errors ----

    public static bool IsScopedDenial(AsanaApiException ex) => ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    private async Task<List<T>> WorkspaceListAsync<T>(string kind, AsanaPageable<T> pageable, string what, Action<List<T>> check, CancellationToken cancellationToken)
    {
        try
        {
            var list = await Calls.ListAsync(kind, pageable, cancellationToken);
            check(list);
            return list;
        }
        catch (AsanaApiException ex)
        {
            throw Fatal(ex, what);
        }
    }

    private AsanaSyncException Fatal(AsanaApiException ex, string what)
    {
        var reason = ex.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Asana rejected the access token (401 Unauthorized)",
            HttpStatusCode.Forbidden => "the access token may not read this workspace (403 Forbidden)",
            HttpStatusCode.NotFound => "the workspace does not exist or is not visible to this token (404 Not Found)",
            // Anything else in the client's own line, which names the endpoint and what was wrong with its answer
            // ("Asana returned a user without a 'gid' from /users").
            _ => ex.Message.TrimEnd('.'),
        };
        return new AsanaSyncException($"Sync of workspace {WorkspaceGid} stopped while {what}: {reason}. Nothing was changed in the store.", ex)
        {
            StatusCode = ex.StatusCode,
        };
    }
}
