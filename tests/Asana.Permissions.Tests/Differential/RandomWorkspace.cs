using System.Globalization;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.Differential;

/// <summary>
/// The raw input records of one workspace, kept mutable so that a test can apply the same change to them that it
/// applies to the engine, then ask the naive reference about the changed records.
/// </summary>
internal sealed class RandomWorkspace
{
    public required WorkspaceRecord Workspace { get; init; }

    public List<UserRecord> Users { get; } = [];

    public List<WorkspaceMembershipRecord> WorkspaceMemberships { get; } = [];

    public List<TeamRecord> Teams { get; } = [];

    public List<TeamMembershipRecord> TeamMemberships { get; } = [];

    public List<ProjectRecord> Projects { get; } = [];

    public List<ProjectMembershipRecord> ProjectMemberships { get; } = [];

    public List<SectionRecord> Sections { get; } = [];

    public List<TaskRecord> Tasks { get; } = [];

    public List<PortfolioRecord> Portfolios { get; } = [];

    public List<PortfolioMembershipRecord> PortfolioMemberships { get; } = [];

    public List<ProjectPortfolioSettingRecord> ProjectPortfolioSettings { get; } = [];

    /// <summary>A snapshot of the current records (copies of the lists).</summary>
    public WorkspaceData ToData() => new(
        Workspace,
        [.. Users],
        [.. WorkspaceMemberships],
        [.. Teams],
        [.. TeamMemberships],
        [.. Projects],
        [.. ProjectMemberships],
        [.. Sections],
        [.. Tasks])
    {
        Portfolios = [.. Portfolios],
        PortfolioMemberships = [.. PortfolioMemberships],
        ProjectPortfolioSettings = [.. ProjectPortfolioSettings],
    };

    // ---- the same mutations the engine is asked to apply ----

    public void UpsertTask(TaskRecord task)
    {
        var index = Tasks.FindIndex(t => t.Gid == task.Gid);
        if (index >= 0)
        {
            Tasks[index] = task;
        }
        else
        {
            Tasks.Add(task);
        }
    }

    /// <summary>Removes the task and, transitively, its subtasks.</summary>
    public void RemoveTask(string taskGid)
    {
        var doomed = new HashSet<string>(StringComparer.Ordinal) { taskGid };
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var t in Tasks)
            {
                if (t.ParentGid is not null && doomed.Contains(t.ParentGid) && doomed.Add(t.Gid))
                {
                    grew = true;
                }
            }
        }

        Tasks.RemoveAll(t => doomed.Contains(t.Gid));
    }

    public void UpsertProject(ProjectRecord project, IReadOnlyList<ProjectMembershipRecord> memberships)
    {
        var index = Projects.FindIndex(p => p.Gid == project.Gid);
        if (index >= 0)
        {
            Projects[index] = project;
        }
        else
        {
            Projects.Add(project);
        }

        ProjectMemberships.RemoveAll(pm => pm.ProjectGid == project.Gid);
        ProjectMemberships.AddRange(memberships);
    }

    /// <summary>The project, its memberships and its sections go; tasks keep their (now dangling) placement.</summary>
    public void RemoveProject(string projectGid)
    {
        Projects.RemoveAll(p => p.Gid == projectGid);
        ProjectMemberships.RemoveAll(pm => pm.ProjectGid == projectGid);
        Sections.RemoveAll(s => s.ProjectGid == projectGid);
    }

    public void UpsertUser(UserRecord user, WorkspaceMembershipRecord membership)
    {
        var index = Users.FindIndex(u => u.Gid == user.Gid);
        if (index >= 0)
        {
            Users[index] = user;
        }
        else
        {
            Users.Add(user);
        }

        WorkspaceMemberships.RemoveAll(m => m.UserGid == user.Gid);
        WorkspaceMemberships.Add(membership);
    }

    public void UpsertTeam(TeamRecord team, IReadOnlyList<TeamMembershipRecord> memberships)
    {
        var index = Teams.FindIndex(t => t.Gid == team.Gid);
        if (index >= 0)
        {
            Teams[index] = team;
        }
        else
        {
            Teams.Add(team);
        }

        TeamMemberships.RemoveAll(tm => tm.TeamGid == team.Gid);
        TeamMemberships.AddRange(memberships);
    }

    public void RemoveTeam(string teamGid)
    {
        Teams.RemoveAll(t => t.Gid == teamGid);
        TeamMemberships.RemoveAll(tm => tm.TeamGid == teamGid);
    }

    public void UpsertSection(SectionRecord section)
    {
        var index = Sections.FindIndex(s => s.Gid == section.Gid);
        if (index >= 0)
        {
            Sections[index] = section;
        }
        else
        {
            Sections.Add(section);
        }
    }

    public void RemoveSection(string sectionGid) => Sections.RemoveAll(s => s.Gid == sectionGid);

    public void UpsertPortfolio(PortfolioRecord portfolio, IReadOnlyList<PortfolioMembershipRecord> memberships, IReadOnlyList<ProjectPortfolioSettingRecord> settings)
    {
        var index = Portfolios.FindIndex(p => p.Gid == portfolio.Gid);
        if (index >= 0)
        {
            Portfolios[index] = portfolio;
        }
        else
        {
            Portfolios.Add(portfolio);
        }

        PortfolioMemberships.RemoveAll(m => m.PortfolioGid == portfolio.Gid);
        PortfolioMemberships.AddRange(memberships);
        ProjectPortfolioSettings.RemoveAll(s => s.PortfolioGid == portfolio.Gid);
        ProjectPortfolioSettings.AddRange(settings);
    }

    public void RemovePortfolio(string portfolioGid)
    {
        Portfolios.RemoveAll(p => p.Gid == portfolioGid);
        PortfolioMemberships.RemoveAll(m => m.PortfolioGid == portfolioGid);
        ProjectPortfolioSettings.RemoveAll(s => s.PortfolioGid == portfolioGid);
    }

    /// <summary>Depth of a task in its parent chain (0 for a top-level task).</summary>
    public int Depth(TaskRecord task)
    {
        var depth = 0;
        var current = task;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (current.ParentGid is not null && seen.Add(current.Gid))
        {
            var parent = Tasks.Find(t => t.Gid == current.ParentGid);
            if (parent is null)
            {
                break;
            }

            depth++;
            current = parent;
        }

        return depth;
    }
}

/// <summary>
/// A seeded, deterministic generator of small random workspaces covering the corners of the rules: organizations
/// and plain workspaces, guests (in teams, as project members, as followers), admins, inactive users everywhere,
/// users without any workspace membership, every privacy setting plus unknown strings, projects with and without
/// a team, archived projects, user and team project members, sections, multi-homed tasks, subtasks nested to depth 5,
/// subtasks that are also in projects, project-less tasks, placements naming a missing project, followers that
/// repeat the assignee, mixed-case emails, limited-access team members, and portfolios (user and team members,
/// settings with and without inherited access, records naming a missing portfolio or project).
/// </summary>
internal static class RandomWorkspaceGenerator
{
    /// <summary>Privacy values the engine must treat as private (Asana owns the set).</summary>
    public static readonly string[] UnknownPrivacySettings = ["public_to_domain", "secret_future_setting", ""];

    public static RandomWorkspace Generate(int seed)
    {
        var random = new Random(seed);
        var ids = new GidSource(seed);
        var isOrganization = random.NextDouble() < 0.8;
        var ws = new RandomWorkspace { Workspace = new WorkspaceRecord(ids.Next(), $"Workspace {seed}", isOrganization) };

        // Users: active members, admins, guests (organizations only), inactive users, users without membership.
        var userCount = random.Next(5, 26);
        for (var i = 0; i < userCount; i++)
        {
            var gid = ids.Next();
            var email = random.NextDouble() < 0.08 ? null : MixCase(random, $"user{i}.s{seed}@example.com");
            ws.Users.Add(new UserRecord(gid, $"User {i}", email));
            var roll = random.NextDouble();
            if (roll < 0.08)
            {
                continue; // listed, but holds no workspace membership at all
            }

            var isActive = roll >= 0.2; // 12% inactive
            var isGuest = isOrganization && random.NextDouble() < 0.2;
            var isAdmin = !isGuest && random.NextDouble() < 0.15;
            ws.WorkspaceMemberships.Add(new WorkspaceMembershipRecord(gid, isActive, isAdmin, isGuest));
        }

        // Teams (organizations only) with members drawn from every kind of user.
        if (isOrganization)
        {
            var teamCount = random.Next(0, 7);
            for (var i = 0; i < teamCount; i++)
            {
                ws.Teams.Add(new TeamRecord(ids.Next(), $"Team {i}"));
            }

            foreach (var team in ws.Teams)
            {
                ws.TeamMemberships.AddRange(RandomTeamMemberships(random, ws, team.Gid));
            }
        }

        // Projects.
        var projectCount = random.Next(0, 9);
        for (var i = 0; i < projectCount; i++)
        {
            var project = RandomProject(random, ws, ids.Next(), $"Project {i}");
            ws.Projects.Add(project);
            ws.ProjectMemberships.AddRange(RandomProjectMemberships(random, ws, project.Gid));
            var sectionCount = random.Next(0, 4);
            for (var s = 0; s < sectionCount; s++)
            {
                ws.Sections.Add(new SectionRecord(ids.Next(), $"Section {s}", project.Gid));
            }
        }

        // Tasks and subtasks.
        var taskCount = random.Next(0, 61);
        var created = new List<(TaskRecord Task, int Depth)>();
        for (var i = 0; i < taskCount; i++)
        {
            var gid = ids.Next();
            TaskRecord task;
            int depth;
            var candidates = created.Where(c => c.Depth < 5).ToList();
            if (candidates.Count > 0 && random.NextDouble() < 0.4)
            {
                // Prefer deep parents half of the time, so chains of depth 5 appear.
                var parent = random.NextDouble() < 0.5
                    ? candidates.OrderByDescending(c => c.Depth).ThenBy(c => c.Task.Gid, StringComparer.Ordinal).First()
                    : candidates[random.Next(candidates.Count)];
                var placements = random.NextDouble() < 0.2 ? RandomPlacements(random, ws, ids) : [];
                task = RandomTask(random, ws, gid, $"Subtask {i}", placements, parent.Task.Gid);
                depth = parent.Depth + 1;
            }
            else
            {
                var placements = random.NextDouble() < 0.2 ? [] : RandomPlacements(random, ws, ids);
                task = RandomTask(random, ws, gid, $"Task {i}", placements, null);
                depth = 0;
            }

            created.Add((task, depth));
        }

        // Shuffle: subtasks may come before their parents in the input.
        var shuffled = created.Select(c => c.Task).ToList();
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        ws.Tasks.AddRange(shuffled);

        // Portfolios: user and team members, settings with and without inherited access, and records naming a
        // portfolio or project the data lacks (they grant nothing).
        var portfolioCount = random.Next(0, 4);
        for (var i = 0; i < portfolioCount; i++)
        {
            var portfolio = new PortfolioRecord(ids.Next(), $"Portfolio {i}");
            ws.Portfolios.Add(portfolio);
            ws.PortfolioMemberships.AddRange(RandomPortfolioMemberships(random, ws, portfolio.Gid));
            ws.ProjectPortfolioSettings.AddRange(RandomPortfolioSettings(random, ws, portfolio.Gid, ids));
        }

        if (random.NextDouble() < 0.1)
        {
            var unread = ids.Missing();
            ws.PortfolioMemberships.AddRange(RandomPortfolioMemberships(random, ws, unread));
            ws.ProjectPortfolioSettings.AddRange(RandomPortfolioSettings(random, ws, unread, ids));
        }

        return ws;
    }

    public static List<PortfolioMembershipRecord> RandomPortfolioMemberships(Random random, RandomWorkspace ws, string portfolioGid)
    {
        var result = new List<PortfolioMembershipRecord>();
        foreach (var user in ws.Users)
        {
            if (random.NextDouble() < 0.12)
            {
                result.Add(new PortfolioMembershipRecord(portfolioGid, user.Gid, MemberKind.User));
            }
        }

        foreach (var team in ws.Teams)
        {
            if (random.NextDouble() < 0.25)
            {
                result.Add(new PortfolioMembershipRecord(portfolioGid, team.Gid, MemberKind.Team));
            }
        }

        return result;
    }

    public static List<ProjectPortfolioSettingRecord> RandomPortfolioSettings(Random random, RandomWorkspace ws, string portfolioGid, GidSource ids)
    {
        var result = new List<ProjectPortfolioSettingRecord>();
        foreach (var project in ws.Projects)
        {
            if (random.NextDouble() < 0.35)
            {
                result.Add(new ProjectPortfolioSettingRecord(portfolioGid, project.Gid, IsAccessControlInherited: random.NextDouble() < 0.65));
            }
        }

        if (random.NextDouble() < 0.1)
        {
            result.Add(new ProjectPortfolioSettingRecord(portfolioGid, ids.Missing(), IsAccessControlInherited: true));
        }

        return result;
    }

    public static ProjectRecord RandomProject(Random random, RandomWorkspace ws, string gid, string name)
    {
        var roll = random.NextDouble();
        var privacy = roll switch
        {
            < 0.35 => "public_to_workspace",
            < 0.6 => "private_to_team",
            < 0.9 => "private",
            _ => UnknownPrivacySettings[random.Next(UnknownPrivacySettings.Length)],
        };
        var teamGid = ws.Teams.Count > 0 && random.NextDouble() < 0.75 ? ws.Teams[random.Next(ws.Teams.Count)].Gid : null;
        return new ProjectRecord(gid, name, privacy, teamGid, random.NextDouble() < 0.2);
    }

    public static List<ProjectMembershipRecord> RandomProjectMemberships(Random random, RandomWorkspace ws, string projectGid)
    {
        var result = new List<ProjectMembershipRecord>();
        foreach (var user in ws.Users)
        {
            if (random.NextDouble() < 0.12)
            {
                result.Add(new ProjectMembershipRecord(projectGid, user.Gid, MemberKind.User));
            }
        }

        foreach (var team in ws.Teams)
        {
            if (random.NextDouble() < 0.2)
            {
                result.Add(new ProjectMembershipRecord(projectGid, team.Gid, MemberKind.Team));
            }
        }

        return result;
    }

    public static List<TeamMembershipRecord> RandomTeamMemberships(Random random, RandomWorkspace ws, string teamGid)
    {
        var result = new List<TeamMembershipRecord>();
        foreach (var user in ws.Users)
        {
            if (random.NextDouble() < 0.3)
            {
                var isGuest = ws.WorkspaceMemberships.Exists(m => m.UserGid == user.Gid && m.IsGuest);
                result.Add(new TeamMembershipRecord(teamGid, user.Gid, isGuest, IsLimitedAccess: random.NextDouble() < 0.2));
            }
        }

        return result;
    }

    public static List<TaskPlacement> RandomPlacements(Random random, RandomWorkspace ws, GidSource ids)
    {
        var result = new List<TaskPlacement>();
        if (ws.Projects.Count > 0)
        {
            var count = random.NextDouble() < 0.25 ? random.Next(2, 4) : 1; // multi-homed a quarter of the time
            foreach (var project in ws.Projects.OrderBy(_ => random.Next()).Take(count))
            {
                var sections = ws.Sections.Where(s => s.ProjectGid == project.Gid).ToList();
                var section = sections.Count > 0 && random.NextDouble() < 0.7 ? sections[random.Next(sections.Count)].Gid : null;
                result.Add(new TaskPlacement(project.Gid, section));
            }
        }

        if (result.Count == 0 || random.NextDouble() < 0.08)
        {
            // A project the sync could not read (or that does not exist): grants nothing.
            result.Add(new TaskPlacement(ids.Missing(), null));
        }

        return result;
    }

    public static TaskRecord RandomTask(
        Random random, RandomWorkspace ws, string gid, string name, IReadOnlyList<TaskPlacement> placements, string? parentGid)
    {
        string? assignee = null;
        if (ws.Users.Count > 0 && random.NextDouble() < 0.5)
        {
            assignee = ws.Users[random.Next(ws.Users.Count)].Gid;
        }

        var followers = new List<string>();
        var followerCount = random.Next(0, 4);
        for (var f = 0; f < followerCount && ws.Users.Count > 0; f++)
        {
            followers.Add(ws.Users[random.Next(ws.Users.Count)].Gid);
        }

        if (assignee is not null && random.NextDouble() < 0.3)
        {
            followers.Add(assignee); // Asana lists the assignee among the followers too
        }

        if (random.NextDouble() < 0.03)
        {
            followers.Add("9" + gid); // a user the workspace does not list
        }

        return new TaskRecord(gid, name, assignee, followers, placements, parentGid);
    }

    public static string MixCase(Random random, string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (random.NextDouble() < 0.5)
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    /// <summary>Numeric gids, unique within a workspace, as Asana's are.</summary>
    internal sealed class GidSource(int seed)
    {
        private long _next = 1_200_000_000_000L + (seed * 10_000L);

        public string Next() => (_next++).ToString(CultureInfo.InvariantCulture);

        /// <summary>A gid that names nothing in the workspace.</summary>
        public string Missing() => (8_800_000_000_000L + _next++).ToString(CultureInfo.InvariantCulture);
    }
}
