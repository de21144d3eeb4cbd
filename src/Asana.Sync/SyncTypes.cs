namespace Asana.Sync;

/// <summary>Which kind of sync to run.</summary>
public enum SyncMode
{
    /// <summary>Incremental when the store holds a previous sync of the workspace (with event tokens), else full.</summary>
    Auto,

    /// <summary>Read everything again and replace the workspace's rows.</summary>
    Full,

    /// <summary>Re-read permission-bearing data, apply task changes from the Events API. Falls back to full without a previous sync.</summary>
    Incremental,
}

/// <summary>Options of <see cref="AsanaSyncEngine"/>.</summary>
public sealed class AsanaSyncOptions
{
    /// <summary>How many Asana requests may be in flight at once (Asana allows 50 concurrent GETs per token). Default 16.</summary>
    public int MaxParallelism { get; set; } = 16;

    /// <summary>
    /// Only tasks modified in the last this many days are read (<c>modified_since</c>); null (default) reads everything.
    /// Permission-bearing data (users, teams, projects, memberships) is always read in full.
    /// </summary>
    public int? LookbackDays { get; set; }

    /// <summary>Read each active user's assigned tasks to find project-less tasks (one request per active user). Default true.</summary>
    public bool IncludeProjectlessTasks { get; set; } = true;

    /// <summary>
    /// How often an incremental sync looks for project-less tasks again (one request per active user; the Events API has
    /// no stream for them). Default <see cref="TimeSpan.Zero"/>: every sync looks, so a follower removed from a
    /// project-less task loses access at the next sync. A longer interval (say one hour, like the hourly permission
    /// refresh of comparable connectors) saves calls but leaves such changes, revocations included, stale until the
    /// interval has passed. A full sync always looks.
    /// </summary>
    public TimeSpan ProjectlessRescanInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How many objects go to the store per write call. Default 500.</summary>
    public int StoreBatchSize { get; set; } = 500;
}

/// <summary>Where a sync is.</summary>
/// <param name="Phase">The phase, e.g. "permissions", "tasks", "subtasks", "events", "store".</param>
/// <param name="Requests">Asana requests made so far.</param>
/// <param name="TasksSeen">Tasks and subtasks read so far.</param>
/// <param name="Message">A short human-readable line (no user gids or emails).</param>
public sealed record SyncProgress(string Phase, int Requests, int TasksSeen, string Message);

/// <summary>Something a sync could not read; the grants it would carry are absent (fail closed).</summary>
/// <param name="Code">Machine-readable code, e.g. "project_memberships_forbidden".</param>
/// <param name="ResourceGid">The Asana object concerned (a project or task gid), if any.</param>
/// <param name="Message">What happened and what it means for visibility.</param>
public sealed record SyncWarning(string Code, string? ResourceGid, string Message);

/// <summary>The §3 lower bound of requests for a full sync of what was read, and the same bound with the terms this engine's contract adds.</summary>
/// <param name="Section3">⌈U/L⌉ + ⌈T/L⌉ + Σ⌈max(m_t,1)/L⌉ + ⌈P/L⌉ + Σ⌈max(S_p,1)/L⌉ + Σ⌈max(N_p,1)/L⌉ + Σ⌈s_k/L⌉ + Σ⌈max(pm_p,1)/L⌉.</param>
/// <param name="WithContractTerms">
/// <paramref name="Section3"/> + 1 (workspace) + ⌈W/L⌉ (workspace memberships) + P (one Events call per project for its
/// sync token) + Σ_active users ⌈max(a_u,1)/L⌉ (assigned tasks, for project-less tasks).
/// </param>
public sealed record CallFloor(int Section3, int WithContractTerms);

/// <summary>Requests made by one sync.</summary>
/// <param name="Total">All requests (each page is one request).</param>
/// <param name="ByKind">Requests per endpoint kind (see <see cref="ApiCallKinds"/>).</param>
/// <param name="Pages">List-page requests (a subset of <paramref name="Total"/>).</param>
/// <param name="Failed">Requests that ended in an error after the client's own retries.</param>
/// <param name="Retries">Retries the client made on the way (429s, 5xx, resets), from <see cref="Asana.Client.IAsanaClient.Statistics"/>.</param>
public sealed record SyncCallCounts(int Total, IReadOnlyDictionary<string, int> ByKind, int Pages, int Failed, int Retries = 0);

/// <summary>The outcome of one committed sync.</summary>
/// <param name="WorkspaceGid">The workspace.</param>
/// <param name="Mode">What actually ran: <see cref="SyncMode.Full"/> or <see cref="SyncMode.Incremental"/>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Calls">Requests made.</param>
/// <param name="Floor">The lower bound for a full sync of the data read (full syncs only).</param>
/// <param name="Tickets">Tickets (tasks and subtasks) in the workspace after the sync.</param>
/// <param name="TicketsWritten">Tickets added or changed in the store.</param>
/// <param name="TicketsDeleted">Tickets removed from the store.</param>
/// <param name="ProjectsRecrawled">Projects crawled in full during an incremental sync (new, or their event token expired).</param>
/// <param name="Warnings">What could not be read (the grants concerned are absent).</param>
public sealed record SyncResult(
    string WorkspaceGid,
    SyncMode Mode,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    SyncCallCounts Calls,
    CallFloor? Floor,
    int Tickets,
    int TicketsWritten,
    int TicketsDeleted,
    int ProjectsRecrawled,
    IReadOnlyList<SyncWarning> Warnings);

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

    /// <summary>GET /projects/{gid}/sections.</summary>
    public const string Sections = "sections";

    /// <summary>GET /projects/{gid}/tasks.</summary>
    public const string ProjectTasks = "project_tasks";

    /// <summary>GET /tasks?assignee=&amp;workspace=.</summary>
    public const string AssigneeTasks = "assignee_tasks";

    /// <summary>GET /tasks/{gid}/subtasks.</summary>
    public const string Subtasks = "subtasks";

    /// <summary>GET /tasks/{gid}.</summary>
    public const string Task = "task";

    /// <summary>GET /events?resource=.</summary>
    public const string Events = "events";
}

/// <summary>
/// A sync stopped and changed nothing in the store: Asana rejected the token (401) or the workspace (403/404), or a
/// workspace-level listing failed. The message never contains the token.
/// </summary>
public sealed class AsanaSyncException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AsanaSyncException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public AsanaSyncException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AsanaSyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status Asana answered with, when that was the cause.</summary>
    public System.Net.HttpStatusCode? StatusCode { get; init; }
}
