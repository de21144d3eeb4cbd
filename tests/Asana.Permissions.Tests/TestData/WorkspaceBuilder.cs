using Asana.Permissions.Sources;

namespace Asana.Permissions.Tests.TestData;

/// <summary>Mutable workspace input for tests; also mirrors every incremental operation so a fresh build can be compared.</summary>
internal sealed class WorkspaceBuilder
{
    public WorkspaceBuilder(bool isOrganization = true, string workspaceGid = "1")
        => Workspace = new WorkspaceRecord(workspaceGid, "Acme", isOrganization);

    public WorkspaceRecord Workspace { get; }

    public List<UserRecord> Users { get; } = [];

    public List<WorkspaceMembershipRecord> Memberships { get; } = [];

    public List<TeamRecord> Teams { get; } = [];

    public List<TeamMembershipRecord> TeamMemberships { get; } = [];

    public List<ProjectRecord> Projects { get; } = [];

    public List<ProjectMembershipRecord> ProjectMemberships { get; } = [];

    public List<SectionRecord> Sections { get; } = [];

    public List<TaskRecord> Tasks { get; } = [];

    public List<PortfolioRecord> Portfolios { get; } = [];

    public List<PortfolioMembershipRecord> PortfolioMemberships { get; } = [];

    public List<ProjectPortfolioSettingRecord> PortfolioSettings { get; } = [];

    public WorkspaceBuilder User(string gid, bool active = true, bool admin = false, bool guest = false, bool member = true, string? email = null)
    {
        Users.Add(new UserRecord(gid, "User " + gid, email ?? gid + "@acme.test"));
        if (member)
        {
            Memberships.Add(new WorkspaceMembershipRecord(gid, active, admin, guest));
        }

        return this;
    }

    public WorkspaceBuilder Team(string gid, string name, params string[] members)
    {
        Teams.Add(new TeamRecord(gid, name));
        TeamMemberships.AddRange(members.Select(m => new TeamMembershipRecord(gid, m, false, false)));
        return this;
    }

    /// <summary>Adds members with <c>is_limited_access</c> to a team.</summary>
    public WorkspaceBuilder LimitedMembers(string team, params string[] members)
    {
        TeamMemberships.AddRange(members.Select(m => new TeamMembershipRecord(team, m, false, IsLimitedAccess: true)));
        return this;
    }

    /// <summary>Adds a portfolio whose members gain access to <paramref name="shares"/>, and that holds <paramref name="holds"/> without sharing access.</summary>
    public WorkspaceBuilder Portfolio(string gid, string name, string[]? users = null, string[]? teams = null, string[]? shares = null, string[]? holds = null)
    {
        Portfolios.Add(new PortfolioRecord(gid, name));
        PortfolioMemberships.AddRange((users ?? []).Select(u => new PortfolioMembershipRecord(gid, u, MemberKind.User)));
        PortfolioMemberships.AddRange((teams ?? []).Select(t => new PortfolioMembershipRecord(gid, t, MemberKind.Team)));
        PortfolioSettings.AddRange((shares ?? []).Select(p => new ProjectPortfolioSettingRecord(gid, p, IsAccessControlInherited: true)));
        PortfolioSettings.AddRange((holds ?? []).Select(p => new ProjectPortfolioSettingRecord(gid, p, IsAccessControlInherited: false)));
        return this;
    }

    public WorkspaceBuilder Project(string gid, string name, string privacy, string? team = null, string[]? users = null, string[]? teams = null)
    {
        Projects.Add(new ProjectRecord(gid, name, privacy, team, false));
        ProjectMemberships.AddRange((users ?? []).Select(u => new ProjectMembershipRecord(gid, u, MemberKind.User)));
        ProjectMemberships.AddRange((teams ?? []).Select(t => new ProjectMembershipRecord(gid, t, MemberKind.Team)));
        return this;
    }

    public WorkspaceBuilder Section(string gid, string project)
    {
        Sections.Add(new SectionRecord(gid, "Section " + gid, project));
        return this;
    }

    public WorkspaceBuilder Task(string gid, string? assignee = null, string[]? followers = null, string[]? projects = null, string? parent = null, string? section = null)
    {
        Tasks.Add(NewTask(gid, assignee, followers, projects, parent, section));
        return this;
    }

    public static TaskRecord NewTask(string gid, string? assignee = null, string[]? followers = null, string[]? projects = null, string? parent = null, string? section = null)
        => new(gid, "Task " + gid, assignee, followers ?? [],
            (projects ?? []).Select((p, i) => new TaskPlacement(p, i == 0 ? section : null)).ToArray(), parent);

    public WorkspaceData Build() => new(Workspace, [.. Users], [.. Memberships], [.. Teams], [.. TeamMemberships], [.. Projects],
        [.. ProjectMemberships], [.. Sections], [.. Tasks])
    {
        Portfolios = [.. Portfolios],
        PortfolioMemberships = [.. PortfolioMemberships],
        ProjectPortfolioSettings = [.. PortfolioSettings],
    };

    public WorkspacePermissions Engine(bool projectless = false) => WorkspacePermissions.Build(Build(), new EvaluationOptions(projectless));

    // ---- the incremental operations, applied to the raw lists ----

    public void UpsertTask(TaskRecord task) => Replace(Tasks, t => t.Gid == task.Gid, task);

    public void RemoveTask(string gid)
    {
        var doomed = new HashSet<string> { gid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var t in Tasks)
            {
                grew |= t.ParentGid is not null && doomed.Contains(t.ParentGid) && doomed.Add(t.Gid);
            }
        }

        Tasks.RemoveAll(t => doomed.Contains(t.Gid));
    }

    public void UpsertProject(ProjectRecord project, IReadOnlyList<ProjectMembershipRecord> memberships)
    {
        Replace(Projects, p => p.Gid == project.Gid, project);
        ProjectMemberships.RemoveAll(m => m.ProjectGid == project.Gid);
        ProjectMemberships.AddRange(memberships);
    }

    public void RemoveProject(string gid)
    {
        Projects.RemoveAll(p => p.Gid == gid);
        ProjectMemberships.RemoveAll(m => m.ProjectGid == gid);
        Sections.RemoveAll(s => s.ProjectGid == gid);
    }

    public void UpsertSection(SectionRecord section) => Replace(Sections, s => s.Gid == section.Gid, section);

    public void RemoveSection(string gid) => Sections.RemoveAll(s => s.Gid == gid);

    public void UpsertUser(UserRecord user, WorkspaceMembershipRecord membership)
    {
        Replace(Users, u => u.Gid == user.Gid, user);
        Memberships.RemoveAll(m => m.UserGid == user.Gid);
        Memberships.Add(membership);
    }

    public void UpsertTeam(TeamRecord team, IReadOnlyList<TeamMembershipRecord> memberships)
    {
        Replace(Teams, t => t.Gid == team.Gid, team);
        TeamMemberships.RemoveAll(m => m.TeamGid == team.Gid);
        TeamMemberships.AddRange(memberships);
    }

    public void RemoveTeam(string gid)
    {
        Teams.RemoveAll(t => t.Gid == gid);
        TeamMemberships.RemoveAll(m => m.TeamGid == gid);
    }

    public void UpsertPortfolio(PortfolioRecord portfolio, IReadOnlyList<PortfolioMembershipRecord> memberships, IReadOnlyList<ProjectPortfolioSettingRecord> settings)
    {
        Replace(Portfolios, p => p.Gid == portfolio.Gid, portfolio);
        PortfolioMemberships.RemoveAll(m => m.PortfolioGid == portfolio.Gid);
        PortfolioMemberships.AddRange(memberships);
        PortfolioSettings.RemoveAll(s => s.PortfolioGid == portfolio.Gid);
        PortfolioSettings.AddRange(settings);
    }

    public void RemovePortfolio(string gid)
    {
        Portfolios.RemoveAll(p => p.Gid == gid);
        PortfolioMemberships.RemoveAll(m => m.PortfolioGid == gid);
        PortfolioSettings.RemoveAll(s => s.PortfolioGid == gid);
    }

    private static void Replace<T>(List<T> list, Predicate<T> match, T item)
    {
        var index = list.FindIndex(match);
        if (index >= 0)
        {
            list[index] = item;
        }
        else
        {
            list.Add(item);
        }
    }
}
