using Asana.Permissions.Sources;
using Asana.Simulator.Model;

namespace Asana.Simulator;

/// <summary>The ground-truth oracle: visibility computed naively, straight from the rules (permission-rules.md §1).</summary>
public sealed partial class SimulatedOrganization
{
    /// <summary>
    /// Who can see which task, computed naively from the rules, independently of the library: for every user (inactive
    /// ones included, with an empty set), the gids of the tasks and subtasks they may see.
    /// </summary>
    /// <param name="projectlessVisibleToMembers">
    /// The host's opt-in: a task in no project and with no parent is visible to every active non-guest member.
    /// </param>
    /// <returns>User gid → visible task gids.</returns>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ExpectedVisibility(bool projectlessVisibleToMembers = false)
    {
        lock (Gate)
        {
            var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            foreach (var user in UserList)
            {
                result.Add(user.Gid, VisibleTaskGids(user, projectlessVisibleToMembers));
            }

            return result;
        }
    }

    /// <summary>One user's visible tasks, as <see cref="ExpectedVisibility"/> computes them (callers hold the lock).</summary>
    internal HashSet<string> VisibleTaskGids(SimUser user, bool projectlessVisibleToMembers = false)
    {
        var visible = new HashSet<string>(StringComparer.Ordinal);
        if (user.IsActive)
        {
            foreach (var task in TaskList)
            {
                if (CanSeeTask(user, task, projectlessVisibleToMembers))
                {
                    visible.Add(task.Gid);
                }
            }
        }

        return visible;
    }

    /// <summary>
    /// The tasks Asana's API offers a sync no way to find without premium search: project-less top-level tasks with no
    /// active assignee (only followed), and everything below them. A sync without search misses them (an under-grant,
    /// never an over-grant), so comparisons with <see cref="ExpectedVisibility"/> leave them out.
    /// </summary>
    /// <param name="data">A snapshot from <see cref="ToWorkspaceData"/>.</param>
    /// <returns>The gids of those tasks.</returns>
    public static IReadOnlySet<string> UndiscoverableWithoutSearch(WorkspaceData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var active = data.WorkspaceMemberships.Where(m => m.IsActive).Select(m => m.UserGid).ToHashSet(StringComparer.Ordinal);
        var found = data.Tasks
            .Where(t => t.ParentGid is null && t.Memberships.Count == 0 && (t.AssigneeGid is null || !active.Contains(t.AssigneeGid)))
            .Select(t => t.Gid).ToHashSet(StringComparer.Ordinal);
        var children = data.Tasks.Where(t => t.ParentGid is not null).ToLookup(t => t.ParentGid!, t => t.Gid, StringComparer.Ordinal);
        var stack = new Stack<string>(found);
        while (stack.Count > 0)
        {
            foreach (var child in children[stack.Pop()])
            {
                if (found.Add(child))
                {
                    stack.Push(child);
                }
            }
        }

        return found;
    }

    /// <summary>Task rule: collaborator, or any of its projects visible, or its parent visible (recursively).</summary>
    internal bool CanSeeTask(SimUser user, SimTask task, bool projectlessVisibleToMembers)
    {
        // Rule 1: assignee or follower.
        if (task.AssigneeGid == user.Gid || task.Followers.Contains(user.Gid))
        {
            return true;
        }

        // Rule 2: any project the task is in.
        foreach (var placement in task.Memberships)
        {
            if (CanSeeProject(user, ProjectsByGid[placement.ProjectGid]))
            {
                return true;
            }
        }

        // Rule 3: the parent, recursively.
        if (task.ParentGid is not null)
        {
            return CanSeeTask(user, TasksByGid[task.ParentGid], projectlessVisibleToMembers);
        }

        // Opt-in: project-less top-level tasks are visible to active non-guest members.
        return projectlessVisibleToMembers && task.Memberships.Count == 0 && !user.IsGuest;
    }

    /// <summary>Project rules 1–4, and the portfolio grant.</summary>
    internal bool CanSeeProject(SimUser user, SimProject project)
    {
        foreach (var member in project.Members)
        {
            // 1. the user is a member.
            if (member.Kind == MemberKind.User && member.MemberGid == user.Gid)
            {
                return true;
            }

            // 2. the user belongs to a member team (not as a limited-access member).
            if (member.Kind == MemberKind.Team && HasTeamAccess(user, member.MemberGid))
            {
                return true;
            }
        }

        // 3. team-only or public project, and the user belongs to project.team (guests included; limited access excluded).
        if ((project.PrivacySetting == PrivacySettings.PrivateToTeam || project.PrivacySetting == PrivacySettings.PublicToWorkspace)
            && project.TeamGid is not null && HasTeamAccess(user, project.TeamGid))
        {
            return true;
        }

        // 4. public project and not a guest.
        if (project.PrivacySetting == PrivacySettings.PublicToWorkspace && !user.IsGuest)
        {
            return true;
        }

        // 5. a member of a portfolio that holds the project with inherited access control: directly, or through a
        // member team (not as a limited-access member). Guests count like anyone else.
        foreach (var setting in PortfolioSettingsByProject.GetValueOrDefault(project.Gid, []))
        {
            if (setting.IsAccessControlInherited && IsPortfolioMember(user, PortfoliosByGid[setting.PortfolioGid]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A direct user member, or a member of a member team through a membership that is not limited-access.</summary>
    internal bool IsPortfolioMember(SimUser user, SimPortfolio portfolio) =>
        portfolio.Members.Exists(m => m.Kind == MemberKind.User ? m.MemberGid == user.Gid : HasTeamAccess(user, m.MemberGid));

    /// <summary>
    /// Whether the user's membership of the team grants team access: a limited-access member sees only what they
    /// were added to themselves, so their membership grants nothing through the team.
    /// </summary>
    private bool HasTeamAccess(SimUser user, string teamGid) =>
        TeamsByGid.TryGetValue(teamGid, out var team) && team.Members.Exists(m => m.UserGid == user.Gid && !m.IsLimitedAccess);
}
