using System.Globalization;
using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>
/// A simulated Asana organization (or plain workspace): users (pending invitations included), workspace memberships,
/// teams (limited-access members included), projects, portfolios, sections, tasks and subtasks. Mutable and thread-safe: every member may be called from any thread, and every mutation
/// appends Asana-style events to the event streams of the objects it touches (see <c>SimulatedOrganization.Mutations.cs</c>).
/// <see cref="ToWorkspaceData"/> and <see cref="ExpectedVisibility"/> give the ground truth a sync must reproduce.
/// </summary>
public sealed partial class SimulatedOrganization
{
    private static readonly DateTimeOffset GenerationEpoch = new(2024, 6, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly Random _random;
    private readonly HashSet<string> _usedGids = new(StringComparer.Ordinal);
    private readonly double _hugeGidRatio;
    private DateTimeOffset _lastTimestamp = GenerationEpoch;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Guards every piece of state below; the HTTP server reads under it too.</summary>
    internal Lock Gate { get; } = new();

    internal List<SimUser> UserList { get; } = [];
    internal Dictionary<string, SimUser> UsersByGid { get; } = new(StringComparer.Ordinal);
    internal List<SimTeam> TeamList { get; } = [];
    internal Dictionary<string, SimTeam> TeamsByGid { get; } = new(StringComparer.Ordinal);
    internal List<SimProject> ProjectList { get; } = [];
    internal Dictionary<string, SimProject> ProjectsByGid { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, SimSection> SectionsByGid { get; } = new(StringComparer.Ordinal);
    internal List<SimTask> TaskList { get; } = [];
    internal Dictionary<string, SimTask> TasksByGid { get; } = new(StringComparer.Ordinal);
    internal HashSet<string> DeletedTaskGids { get; } = new(StringComparer.Ordinal);
    internal List<SimPortfolio> PortfolioList { get; } = [];
    internal Dictionary<string, SimPortfolio> PortfoliosByGid { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, SimProjectPortfolioSetting> PortfolioSettingsByGid { get; } = new(StringComparer.Ordinal);

    /// <summary>Project gid → the portfolio settings that hold it (the oracle looks them up per project).</summary>
    internal Dictionary<string, List<SimProjectPortfolioSetting>> PortfolioSettingsByProject { get; } = new(StringComparer.Ordinal);
    internal List<SimEvent> AllEvents { get; } = [];
    internal Dictionary<string, List<SimEvent>> Streams { get; } = new(StringComparer.Ordinal);
    internal long LastSequence { get; private set; }

    /// <summary>Creates an empty organization (add users, teams, projects and tasks with the mutation methods).</summary>
    /// <param name="seed">Seeds the gid generator, so that the same calls give the same gids.</param>
    /// <param name="name">The workspace name.</param>
    /// <param name="isOrganization">An organization (teams, guests) or a plain workspace.</param>
    /// <param name="emailDomain">The organization's email domain.</param>
    /// <param name="hugeGidRatio">Share of gids longer than 20 digits.</param>
    public SimulatedOrganization(int seed = 1, string name = "Acme Corp", bool isOrganization = true, string emailDomain = "acme.example", double hugeGidRatio = 0.05)
    {
        _random = new Random(seed);
        _hugeGidRatio = hugeGidRatio;
        WorkspaceName = name;
        IsOrganization = isOrganization;
        EmailDomain = emailDomain;
        WorkspaceGid = NewGid();
    }

    /// <summary>
    /// Generates an organization of the given shape, deterministically: the same seed and shape give the same gids,
    /// names and structure. The workspace gid and the first project's gid are always longer than 20 digits.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="shape">The counts; see <see cref="OrganizationShape.Small"/>, <see cref="OrganizationShape.Demo"/>, <see cref="OrganizationShape.Large"/>.</param>
    /// <returns>The organization (no events recorded yet).</returns>
    public static SimulatedOrganization Generate(int seed, OrganizationShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var org = new SimulatedOrganization(seed, shape.WorkspaceName, shape.IsOrganization, shape.EmailDomain, shape.HugeGidRatio);
        lock (org.Gate)
        {
            new OrganizationGenerator(org, shape).Run();
        }

        return org;
    }

    /// <summary>The workspace gid.</summary>
    public string WorkspaceGid { get; }

    /// <summary>The workspace name.</summary>
    public string WorkspaceName { get; }

    /// <summary>True for an organization (teams, guests); false for a plain workspace.</summary>
    public bool IsOrganization { get; }

    /// <summary>The organization's email domain (<c>email_domains</c>).</summary>
    public string EmailDomain { get; }

    /// <summary>
    /// The clock used for timestamps of mutations (<c>created_at</c>, <c>modified_at</c>, events). Generated data is
    /// stamped in mid-2024; later timestamps never go backwards, even if the clock does.
    /// </summary>
    public TimeProvider Clock
    {
        get { lock (Gate) { return _clock; } }
        set { ArgumentNullException.ThrowIfNull(value); lock (Gate) { _clock = value; } }
    }

    /// <summary>How many events have been recorded since the organization was created (generation records none).</summary>
    public long EventCount
    {
        get { lock (Gate) { return LastSequence; } }
    }

    /// <summary>How many tasks and subtasks exist now (deleted ones excluded).</summary>
    public int TaskCount
    {
        get { lock (Gate) { return TasksByGid.Count; } }
    }

    /// <summary>Exports the current state as the permission model's input: every task and subtask once.</summary>
    /// <returns>The ground-truth <see cref="WorkspaceData"/>.</returns>
    public WorkspaceData ToWorkspaceData()
    {
        lock (Gate)
        {
            var users = UserList.Select(u => new UserRecord(u.Gid, u.Name, u.Email)).ToList();
            var memberships = UserList.Select(u => new WorkspaceMembershipRecord(u.Gid, u.IsActive, u.IsAdmin, u.IsGuest)).ToList();
            var teams = TeamList.Select(t => new TeamRecord(t.Gid, t.Name, t.Description ?? string.Empty)).ToList();
            var teamMemberships = TeamList.SelectMany(t => t.Members).Select(m => new TeamMembershipRecord(m.TeamGid, m.UserGid, m.IsGuest, m.IsLimitedAccess)).ToList();
            var projects = ProjectList.Select(p => new ProjectRecord(p.Gid, p.Name, p.PrivacySetting, p.TeamGid, p.Archived, p.Notes)).ToList();
            var projectMemberships = ProjectList.SelectMany(p => p.Members)
                .Select(m => new ProjectMembershipRecord(m.ProjectGid, m.MemberGid, m.Kind)).ToList();
            var sections = ProjectList.SelectMany(p => p.SectionGids).Select(g => SectionsByGid[g])
                .Select(s => new SectionRecord(s.Gid, s.Name, s.ProjectGid)).ToList();
            var tasks = TaskList.Select(ToRecord).ToList();
            return new WorkspaceData(new WorkspaceRecord(WorkspaceGid, WorkspaceName, IsOrganization), users, memberships,
                teams, teamMemberships, projects, projectMemberships, sections, tasks)
            {
                Portfolios = PortfolioList.Select(p => new PortfolioRecord(p.Gid, p.Name)).ToList(),
                PortfolioMemberships = PortfolioList.SelectMany(p => p.Members)
                    .Select(m => new PortfolioMembershipRecord(m.PortfolioGid, m.MemberGid, m.Kind)).ToList(),
                ProjectPortfolioSettings = PortfolioList.SelectMany(p => p.Items)
                    .Select(s => new ProjectPortfolioSettingRecord(s.PortfolioGid, s.ProjectGid, s.IsAccessControlInherited)).ToList(),
            };
        }
    }

    /// <summary>The gids of the users, in creation order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<string> GetUserGids()
    {
        lock (Gate) { return UserList.Select(u => u.Gid).ToList(); }
    }

    /// <summary>The gids of the projects, in creation order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<string> GetProjectGids()
    {
        lock (Gate) { return ProjectList.Select(p => p.Gid).ToList(); }
    }

    /// <summary>The gids of the portfolios, in creation order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<string> GetPortfolioGids()
    {
        lock (Gate) { return PortfolioList.Select(p => p.Gid).ToList(); }
    }

    /// <summary>The gids of the tasks listed by <c>GET /projects/{gid}/tasks</c>, in priority order.</summary>
    /// <param name="projectGid">The project.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<string> GetProjectTaskGids(string projectGid)
    {
        lock (Gate) { return [.. RequireProject(projectGid).TaskGids]; }
    }

    /// <summary>The gids of a task's direct subtasks.</summary>
    /// <param name="taskGid">The task.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<string> GetSubtaskGids(string taskGid)
    {
        lock (Gate) { return [.. RequireTask(taskGid).Subtasks]; }
    }

    /// <summary>Reads one task as a record.</summary>
    /// <param name="taskGid">The task gid.</param>
    /// <returns>The task, or null if it does not exist (or was deleted).</returns>
    public TaskRecord? GetTask(string taskGid)
    {
        lock (Gate) { return TasksByGid.TryGetValue(taskGid, out var t) ? ToRecord(t) : null; }
    }

    /// <summary>The workspace's tags (fixed: tasks get them by ordinal, see <c>AddContent</c>).</summary>
    internal static IReadOnlyList<TagRecord> TagList { get; } =
        [new("1209000000000001", "urgent"), new("1209000000000002", "blocked"), new("1209000000000003", "customer")];

    private TaskRecord ToRecord(SimTask t) => new(
        t.Gid, t.Name, t.AssigneeGid, [.. t.Followers],
        t.Memberships.Select(m => new TaskPlacement(m.ProjectGid, m.SectionGid)).ToList(),
        t.ParentGid, t.ModifiedAt, t.Notes, t.Completed,
        new TaskDetails(t.CreatedAt, t.CompletedAt, t.DueOn, t.DueAt, t.CreatedByGid, PermalinkUrl(t.Gid),
            [.. t.TagGids.Select(g => TagList.First(tag => tag.Gid == g))]));

    internal string PermalinkUrl(string taskGid) => $"https://app.asana.com/1/{WorkspaceGid}/task/{taskGid}";

    internal string NewGid()
    {
        while (true)
        {
            string gid;
            if (_random.NextDouble() < _hugeGidRatio)
            {
                // 22 digits: beyond ulong (20 digits) and far beyond long.
                gid = "1" + Digits(21);
            }
            else
            {
                gid = "12" + Digits(14);
            }

            if (_usedGids.Add(gid))
            {
                return gid;
            }
        }
    }

    internal string NewHugeGid()
    {
        while (true)
        {
            var gid = "1" + Digits(21);
            if (_usedGids.Add(gid))
            {
                return gid;
            }
        }
    }

    private string Digits(int count)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        return new string(chars);
    }

    internal Random Random => _random;

    /// <summary>Advances the generation clock (used while generating: deterministic timestamps).</summary>
    internal DateTimeOffset GenerationTick(int maxSeconds)
    {
        _lastTimestamp = _lastTimestamp.AddSeconds(1 + _random.Next(maxSeconds));
        return _lastTimestamp;
    }

    /// <summary>
    /// The timestamp of a mutation: the clock to the millisecond (what Asana stores and returns, so a timestamp read
    /// back and sent as <c>created_at.after</c> means exactly that task), but never before the previous one.
    /// </summary>
    internal DateTimeOffset Now()
    {
        var clock = _clock.GetUtcNow();
        var now = new DateTimeOffset(clock.UtcTicks - (clock.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        if (now <= _lastTimestamp)
        {
            now = _lastTimestamp.AddMilliseconds(1);
        }

        _lastTimestamp = now;
        return now;
    }

    internal SimUser RequireUser(string gid) =>
        UsersByGid.TryGetValue(gid, out var u) ? u : throw new ArgumentException($"Unknown user {gid}.", nameof(gid));

    internal SimTeam RequireTeam(string gid) =>
        TeamsByGid.TryGetValue(gid, out var t) ? t : throw new ArgumentException($"Unknown team {gid}.", nameof(gid));

    internal SimProject RequireProject(string gid) =>
        ProjectsByGid.TryGetValue(gid, out var p) ? p : throw new ArgumentException($"Unknown project {gid}.", nameof(gid));

    internal SimPortfolio RequirePortfolio(string gid) =>
        PortfoliosByGid.TryGetValue(gid, out var p) ? p : throw new ArgumentException($"Unknown portfolio {gid}.", nameof(gid));

    internal SimTask RequireTask(string gid) =>
        TasksByGid.TryGetValue(gid, out var t) ? t : throw new ArgumentException($"Unknown or deleted task {gid}.", nameof(gid));

    internal static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
