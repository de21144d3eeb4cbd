using System.Text;
using Asana.Client.Models;
using Asana.Shared;

namespace Asana.Sync;

/// <summary>
/// What a targeted refresh (<see cref="AsanaSyncEngine.RefreshAsync"/>) reads again: only the parts of a workspace that
/// changes touched, typically built from webhook events with <see cref="FromEvents"/>. Scopes merge with
/// <see cref="Union"/>, so a burst of events becomes one refresh.
/// </summary>
/// <param name="Users">List the workspace's users and workspace memberships again (joined, left, deactivated, role changed).</param>
/// <param name="ProjectList">List the workspace's projects again (added, deleted, privacy, team or archive changed).</param>
/// <param name="Portfolios">Read the portfolios, their members and project settings again.</param>
/// <param name="Teams">Teams whose memberships are read again (the team list is read again with them).</param>
/// <param name="ProjectMemberships">Projects whose members are read again.</param>
/// <param name="ProjectSections">Projects whose sections are read again.</param>
/// <param name="Tasks">Tasks read again, each with its subtasks: a task Asana no longer returns leaves with its subtree.</param>
public sealed record RefreshScope(
    bool Users,
    bool ProjectList,
    bool Portfolios,
    IReadOnlySet<string> Teams,
    IReadOnlySet<string> ProjectMemberships,
    IReadOnlySet<string> ProjectSections,
    IReadOnlySet<string> Tasks)
{
    /// <summary>Reads nothing.</summary>
    public static RefreshScope Empty { get; } = new(false, false, false, Set([]), Set([]), Set([]), Set([]));

    /// <summary>Whether the scope reads nothing.</summary>
    public bool IsEmpty => !Users && !ProjectList && !Portfolios && Teams.Count == 0 && ProjectMemberships.Count == 0 && ProjectSections.Count == 0 && Tasks.Count == 0;

    /// <summary>A scope that reads what either scope reads.</summary>
    /// <param name="other">The other scope.</param>
    public RefreshScope Union(RefreshScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new RefreshScope(
            Users || other.Users,
            ProjectList || other.ProjectList,
            Portfolios || other.Portfolios,
            Set(Teams.Concat(other.Teams)),
            Set(ProjectMemberships.Concat(other.ProjectMemberships)),
            Set(ProjectSections.Concat(other.ProjectSections)),
            Set(Tasks.Concat(other.Tasks)));
    }

    /// <summary>A scope that reads the given tasks again (with their subtasks).</summary>
    /// <param name="taskGids">The tasks.</param>
    public static RefreshScope ForTasks(params IEnumerable<string> taskGids) => Empty with { Tasks = Set(taskGids) };

    /// <summary>
    /// What a batch of Asana events (webhook deliveries or <c>GET /events</c>) touches. Order and duplicates do not matter:
    /// a refresh reads the current state, never the event's values. Events that change no permission and no indexed field
    /// (e.g. a story on a task) still re-read their task, which is cheap; an event of an unknown kind reads nothing and
    /// is left to the periodic sync.
    /// </summary>
    /// <param name="events">The events.</param>
    /// <param name="projectGid">
    /// The project a project-level webhook watches, when the events came from one: events without a parent (a section
    /// changed, a membership removed) are then about that project. Null for workspace-level events.
    /// </param>
    public static RefreshScope FromEvents(IEnumerable<AsanaEvent> events, string? projectGid = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var users = false;
        var projectList = false;
        var portfolios = false;
        var teams = new List<string>();
        var memberships = new List<string>();
        var sections = new List<string>();
        var tasks = new List<string>();
        foreach (var e in events)
        {
            if (e.Resource is not { Gid: { Length: > 0 } gid } resource)
            {
                continue;
            }

            var parent = e.Parent is { Gid: { Length: > 0 } } p ? p : null;
            switch (resource.ResourceType)
            {
                case "task":
                    tasks.Add(gid);
                    // A subtask added to or removed from a task changes that task's subtask list.
                    if (parent?.ResourceType == "task")
                    {
                        tasks.Add(parent.Gid);
                    }

                    break;
                case "story" or "attachment" when parent?.ResourceType == "task":
                    tasks.Add(parent.Gid);
                    break;
                case "section":
                    // A section changed or deleted carries no parent: it belongs to the watched project, or to any.
                    sections.Add(parent?.ResourceType == "project" ? parent.Gid : projectGid ?? All);
                    break;
                case "project":
                    projectList = true;
                    memberships.Add(gid);
                    sections.Add(gid);
                    break;
                case "project_membership" or "membership":
                    if (parent?.ResourceType == "project")
                    {
                        memberships.Add(parent.Gid);
                    }
                    else if (parent?.ResourceType == "portfolio")
                    {
                        portfolios = true;
                    }
                    else
                    {
                        // Which project? The watched one, or unknown: then every project's members (safe, not cheap).
                        memberships.Add(projectGid ?? All);
                    }

                    break;
                case "team_membership":
                    teams.Add(parent?.ResourceType == "team" ? parent.Gid : All);
                    break;
                case "team":
                    teams.Add(gid);
                    projectList = true;
                    break;
                case "user" when parent?.ResourceType == "project":
                    memberships.Add(parent.Gid);
                    break;
                case "user" when parent?.ResourceType == "team":
                    teams.Add(parent.Gid);
                    break;
                case "workspace_membership" or "user" or "workspace":
                    users = true;
                    break;
                case "portfolio" or "portfolio_membership":
                    portfolios = true;
                    break;
            }
        }

        return new RefreshScope(users, projectList, portfolios, Set(teams), Set(memberships), Set(sections), Set(tasks));
    }

    /// <summary>
    /// The wildcard in <see cref="Teams"/>, <see cref="ProjectMemberships"/> or <see cref="ProjectSections"/>: every one
    /// of them.
    /// </summary>
    public const string All = "*";

    private static SortedSet<string> Set(IEnumerable<string> items) => new(items, StringComparer.Ordinal);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Users = ").Append(Users)
            .Append(", ProjectList = ").Append(ProjectList)
            .Append(", Portfolios = ").Append(Portfolios)
            .Append(", Teams = ").AppendList(Teams.ToList())
            .Append(", ProjectMemberships = ").AppendList(ProjectMemberships.ToList())
            .Append(", ProjectSections = ").AppendList(ProjectSections.ToList())
            .Append(", Tasks = ").AppendList(Tasks.ToList());
        return true;
    }
}
