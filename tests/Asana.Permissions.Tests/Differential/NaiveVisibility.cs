using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.Differential;

/// <summary>
/// A deliberately naive reference implementation of permission-rules §1, written straight from the text and
/// walking the raw input records with plain loops on every call. It is slow on purpose: it must be obviously right,
/// so that the engine can be compared with it on random workspaces. It shares no code with the engine.
/// </summary>
/// <remarks>
/// Decisions where the rules leave room (each is the fail-closed reading):
/// <list type="bullet">
/// <item>a user sees nothing without a workspace membership whose IsActive is true;</item>
/// <item>guest status is the workspace membership's IsGuest (a team membership's IsGuest flag changes nothing: guests in a team see the team's projects);</item>
/// <item>only the exact strings "public_to_workspace" and "private_to_team" widen access; anything else is private;</item>
/// <item>a placement naming a project that is not in the data grants nothing, and the task still counts as being in a project
/// (it is not "project-less", so the project-less opt-in does not apply to it);</item>
/// <item>a task is project-less exactly when it has no placements and no parent;</item>
/// <item>a limited-access team membership confers nothing through the team (rules 2 and 3, portfolio teams);</item>
/// <item>portfolio memberships and settings count only for a portfolio the data lists.</item>
/// </list>
/// </remarks>
internal static class NaiveVisibility
{
    private const string PublicToWorkspace = "public_to_workspace";
    private const string PrivateToTeam = "private_to_team";

    /// <summary>Whether <paramref name="userGid"/> may see <paramref name="taskGid"/>.</summary>
    public static bool CanView(WorkspaceData data, string userGid, string taskGid, bool projectlessVisibleToMembers)
        => Why(data, userGid, taskGid, projectlessVisibleToMembers) is not null;

    /// <summary>The first grant found, as text, or null when the user may not see the task.</summary>
    public static string? Why(WorkspaceData data, string userGid, string taskGid, bool projectlessVisibleToMembers)
    {
        WorkspaceMembershipRecord? membership = null;
        foreach (var m in data.WorkspaceMemberships)
        {
            if (m.UserGid == userGid)
            {
                membership = m;
            }
        }

        if (membership is null || !membership.IsActive)
        {
            return null;
        }

        var task = FindTask(data, taskGid);
        if (task is null)
        {
            return null;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal);
        return TaskGrant(data, userGid, membership.IsGuest, task, projectlessVisibleToMembers, visited);
    }

    /// <summary>Every task gid the user may see.</summary>
    public static SortedSet<string> Accessible(WorkspaceData data, string userGid, bool projectlessVisibleToMembers)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var task in data.Tasks)
        {
            if (CanView(data, userGid, task.Gid, projectlessVisibleToMembers))
            {
                result.Add(task.Gid);
            }
        }

        return result;
    }

    /// <summary>Every user gid (of the data's users) that may see the task.</summary>
    public static SortedSet<string> Principals(WorkspaceData data, string taskGid, bool projectlessVisibleToMembers)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var user in data.Users)
        {
            if (CanView(data, user.Gid, taskGid, projectlessVisibleToMembers))
            {
                result.Add(user.Gid);
            }
        }

        return result;
    }

    /// <summary>Whether an active user may see the project (project rules 1–4, limited access, portfolios).</summary>
    public static string? ProjectGrant(WorkspaceData data, string userGid, bool isGuest, ProjectRecord project)
    {
        // 1. user is a project member.
        foreach (var pm in data.ProjectMemberships)
        {
            if (pm.ProjectGid == project.Gid && pm.MemberKind == MemberKind.User && pm.MemberGid == userGid)
            {
                return $"user member of project {project.Gid}";
            }
        }

        // 2. user belongs to a team that is a project member.
        foreach (var pm in data.ProjectMemberships)
        {
            if (pm.ProjectGid == project.Gid && pm.MemberKind == MemberKind.Team && IsTeamMember(data, pm.MemberGid, userGid))
            {
                return $"member of team {pm.MemberGid}, a member of project {project.Gid}";
            }
        }

        // 3. team-only or public project, user belongs to project.team (guests included).
        if ((project.PrivacySetting == PrivateToTeam || project.PrivacySetting == PublicToWorkspace)
            && project.TeamGid is not null
            && IsTeamMember(data, project.TeamGid, userGid))
        {
            return $"member of team {project.TeamGid}, the team of {project.PrivacySetting} project {project.Gid}";
        }

        // 4. public project, user is not a guest.
        if (project.PrivacySetting == PublicToWorkspace && !isGuest)
        {
            return $"non-guest member; project {project.Gid} is public_to_workspace";
        }

        // Portfolios: a listed portfolio that holds the project with inherited access opens it to its members.
        foreach (var setting in data.ProjectPortfolioSettings)
        {
            if (setting.ProjectGid != project.Gid || !setting.IsAccessControlInherited || !data.Portfolios.Any(p => p.Gid == setting.PortfolioGid))
            {
                continue;
            }

            foreach (var member in data.PortfolioMemberships)
            {
                if (member.PortfolioGid != setting.PortfolioGid)
                {
                    continue;
                }

                if (member.MemberKind == MemberKind.User && member.MemberGid == userGid)
                {
                    return $"member of portfolio {setting.PortfolioGid}, which shares project {project.Gid}";
                }

                if (member.MemberKind == MemberKind.Team && IsTeamMember(data, member.MemberGid, userGid))
                {
                    return $"member of team {member.MemberGid}, a member of portfolio {setting.PortfolioGid}, which shares project {project.Gid}";
                }
            }
        }

        return null;
    }

    private static string? TaskGrant(
        WorkspaceData data, string userGid, bool isGuest, TaskRecord task, bool projectless, HashSet<string> visited)
    {
        if (!visited.Add(task.Gid))
        {
            return null; // a parent cycle grants nothing
        }

        // 1. assignee or follower.
        if (task.AssigneeGid == userGid)
        {
            return $"assignee of task {task.Gid}";
        }

        foreach (var follower in task.FollowerGids)
        {
            if (follower == userGid)
            {
                return $"follower of task {task.Gid}";
            }
        }

        // 2. any project of the task.
        foreach (var placement in task.Memberships)
        {
            foreach (var project in data.Projects)
            {
                if (project.Gid == placement.ProjectGid)
                {
                    var grant = ProjectGrant(data, userGid, isGuest, project);
                    if (grant is not null)
                    {
                        return $"{grant}, which holds task {task.Gid}";
                    }
                }
            }
        }

        // 3. the parent, recursively.
        if (task.ParentGid is not null)
        {
            var parent = FindTask(data, task.ParentGid);
            if (parent is not null)
            {
                var grant = TaskGrant(data, userGid, isGuest, parent, projectless, visited);
                if (grant is not null)
                {
                    return $"{grant}; parent of {task.Gid}";
                }
            }
        }

        // Project-less opt-in: no projects at all and no parent, non-guest member.
        if (projectless && task.Memberships.Count == 0 && task.ParentGid is null && !isGuest)
        {
            return $"project-less task {task.Gid}, opt-in, non-guest member";
        }

        return null;
    }

    /// <summary>A membership with full access: a limited-access member sees only what they were added to themselves.</summary>
    private static bool IsTeamMember(WorkspaceData data, string teamGid, string userGid)
    {
        foreach (var tm in data.TeamMemberships)
        {
            if (tm.TeamGid == teamGid && tm.UserGid == userGid && !tm.IsLimitedAccess)
            {
                return true;
            }
        }

        return false;
    }

    private static TaskRecord? FindTask(WorkspaceData data, string taskGid)
    {
        foreach (var task in data.Tasks)
        {
            if (task.Gid == taskGid)
            {
                return task;
            }
        }

        return null;
    }
}
