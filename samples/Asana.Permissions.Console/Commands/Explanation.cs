using Asana.Permissions.Sources;

namespace Asana.Permissions.Console.Commands;

/// <summary>Turns an <see cref="AccessDecision"/> into sentences, with the context that makes a denial understandable.</summary>
internal sealed class Explanation
{
    private readonly Dictionary<string, UserRecord> _users;
    private readonly Dictionary<string, WorkspaceMembershipRecord> _memberships;
    private readonly Dictionary<string, ProjectRecord> _projects;
    private readonly Dictionary<string, TeamRecord> _teams;
    private readonly Dictionary<string, TaskRecord> _tasks;

    public Explanation(WorkspaceData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _users = data.Users.ToDictionary(u => u.Gid, StringComparer.Ordinal);
        _memberships = data.WorkspaceMemberships.ToDictionary(m => m.UserGid, StringComparer.Ordinal);
        _projects = data.Projects.ToDictionary(p => p.Gid, StringComparer.Ordinal);
        _teams = data.Teams.ToDictionary(t => t.Gid, StringComparer.Ordinal);
        _tasks = data.Tasks.ToDictionary(t => t.Gid, StringComparer.Ordinal);
    }

    public string DescribeUser(string userGid)
    {
        if (!_users.TryGetValue(userGid, out var user))
        {
            return $"user {userGid}";
        }

        var role = _memberships.TryGetValue(userGid, out var m)
            ? (m.IsActive ? string.Empty : "deactivated ") + (m.IsAdmin ? "admin" : m.IsGuest ? "guest" : "member")
            : "no workspace membership";
        var email = user.Email is null ? string.Empty : $" <{user.Email}>";
        return $"{user.Name}{email} ({role}, {userGid})";
    }

    public string DescribeTask(string taskGid)
    {
        if (!_tasks.TryGetValue(taskGid, out var task))
        {
            return $"task {taskGid}";
        }

        var kind = task.ParentGid is null ? "task" : "subtask";
        return $"{kind} \"{task.Name}\" ({taskGid})";
    }

    /// <summary>Where the task lives: its projects with their privacy, or its parent, or nowhere.</summary>
    public string DescribePlacement(string taskGid)
    {
        if (!_tasks.TryGetValue(taskGid, out var task))
        {
            return "unknown task";
        }

        var parts = new List<string>();
        if (task.ParentGid is { } parent)
        {
            parts.Add($"subtask of {DescribeTask(parent)}");
        }

        foreach (var placement in task.Memberships)
        {
            if (_projects.TryGetValue(placement.ProjectGid, out var project))
            {
                var team = project.TeamGid is not null && _teams.TryGetValue(project.TeamGid, out var t) ? $", team {t.Name}" : ", no team";
                var archived = project.Archived ? ", archived" : string.Empty;
                parts.Add($"in project \"{project.Name}\" ({project.PrivacySetting}{team}{archived})");
            }
            else
            {
                parts.Add($"in project {placement.ProjectGid} (not readable by the sync)");
            }
        }

        if (parts.Count == 0)
        {
            parts.Add("in no project and with no parent (project-less: only its assignee and collaborators see it)");
        }

        var people = new List<string>();
        if (task.AssigneeGid is { } assignee)
        {
            people.Add("assignee " + Name(assignee));
        }

        if (task.FollowerGids.Count > 0)
        {
            people.Add($"{task.FollowerGids.Count} collaborator(s)");
        }

        return string.Join("; ", parts) + (people.Count > 0 ? "; " + string.Join(", ", people) : string.Empty);
    }

    public IEnumerable<string> Lines(string userGid, string taskGid, AccessDecision decision)
    {
        yield return decision.Allowed
            ? $"ALLOWED: {DescribeUser(userGid)} can see {DescribeTask(taskGid)}"
            : $"DENIED: {DescribeUser(userGid)} cannot see {DescribeTask(taskGid)}";
        yield return $"  the task: {DescribePlacement(taskGid)}";
        if (decision.Allowed)
        {
            yield return decision.Because.Count == 1 ? "  because:" : $"  because ({decision.Because.Count} independent grants):";
            foreach (var grant in decision.Because)
            {
                yield return $"    - {grant.Description}";
                yield return $"      [{grant.Kind}] via {string.Join(" -> ", grant.Via)}";
            }
        }
        else
        {
            yield return $"  why not: {decision.DenialReason ?? "no grant applies"}";
        }

    }

    private string Name(string userGid) => _users.TryGetValue(userGid, out var u) ? u.Name : userGid;
}
