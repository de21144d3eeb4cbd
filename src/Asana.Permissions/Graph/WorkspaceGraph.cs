using Asana.Permissions.Indexing;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>
/// The interned, array-based state of one workspace: every input record, the indexes the evaluator walks, and the
/// Merge objects. Referenced gids that have no record (a follower who is not listed, a parent that was not read)
/// get a placeholder slot, so a later upsert of that entity connects without touching its referrers.
/// Single writer; readers never mutate, except to fill per-entity caches of immutable values (token strings).
/// </summary>
internal sealed partial class WorkspaceGraph
{
    public WorkspaceGraph(WorkspaceData data)
    {
        Workspace = data.Workspace;
        UserIds = new GidIndex(data.Users.Count + 16);
        TeamIds = new GidIndex(data.Teams.Count + 16);
        ProjectIds = new GidIndex(data.Projects.Count + 16);
        SectionIds = new GidIndex(data.Sections.Count + 16);
        TaskIds = new GidIndex(data.Tasks.Count + 16);
        PortfolioIds = new GidIndex(data.Portfolios.Count + 16);
        _userByEmail = new EmailIndex(data.Users.Count);
        PublicProjects = new BitSet(ProjectIds.Capacity);
        GrowUsers();
        GrowTeams();
        GrowProjects();
        GrowSections();
        GrowTasks();
        GrowPortfolios();
    }

    public WorkspaceRecord Workspace { get; }

    public bool IsOrganization => Workspace.IsOrganization;

    /// <summary>Loads every record; later records win over earlier ones with the same gid.</summary>
    public void Load(WorkspaceData data)
    {
        foreach (var user in data.Users)
        {
            SetUserRecord(user);
        }

        foreach (var membership in data.WorkspaceMemberships)
        {
            SetWorkspaceMembership(membership);
        }

        foreach (var team in data.Teams)
        {
            var index = InternTeam(team.Gid);
            TeamRecords[index] = team;
        }

        foreach (var membership in data.TeamMemberships)
        {
            AddTeamMembership(membership);
        }

        // Portfolios first: a project's collection names the portfolios that share it.
        LoadPortfolios(data);
        LoadProjects(data.Projects, data.ProjectMemberships);

        foreach (var section in data.Sections)
        {
            SetSection(section);
        }

        LoadTasks(data.Tasks);
    }

    public WorkspaceData ToWorkspaceData()
    {
        var users = new List<UserRecord>();
        var memberships = new List<WorkspaceMembershipRecord>();
        for (var i = 0; i < UserIds.Count; i++)
        {
            if (UserRecords[i] is { } user)
            {
                users.Add(user);
            }

            if (UserMemberships[i] is { } membership)
            {
                memberships.Add(membership);
            }
        }

        var teams = new List<TeamRecord>();
        var teamMemberships = new List<TeamMembershipRecord>();
        for (var i = 0; i < TeamIds.Count; i++)
        {
            if (TeamRecords[i] is { } team)
            {
                teams.Add(team);
            }

            if (TeamMembershipRecords[i] is { } records)
            {
                teamMemberships.AddRange(records);
            }
        }

        var projects = new List<ProjectRecord>();
        var projectMemberships = new List<ProjectMembershipRecord>();
        for (var i = 0; i < ProjectIds.Count; i++)
        {
            if (ProjectRecords[i] is { } project)
            {
                projects.Add(project);
                projectMemberships.AddRange(ProjectMembershipRecords[i]);
            }
        }

        var sections = new List<SectionRecord>();
        for (var i = 0; i < SectionIds.Count; i++)
        {
            if (SectionRecords[i] is { } section)
            {
                sections.Add(section);
            }
        }

        var tasks = new List<TaskRecord>(ExistingTaskCount);
        for (var i = 0; i < TaskIds.Count; i++)
        {
            if (TaskRecords[i] is { } task)
            {
                tasks.Add(task);
            }
        }

        var portfolios = new List<PortfolioRecord>();
        var portfolioMemberships = new List<PortfolioMembershipRecord>();
        var portfolioSettings = new List<ProjectPortfolioSettingRecord>();
        for (var i = 0; i < PortfolioIds.Count; i++)
        {
            if (PortfolioRecords[i] is { } portfolio)
            {
                portfolios.Add(portfolio);
                portfolioMemberships.AddRange(PortfolioMembershipRecords[i]);
                portfolioSettings.AddRange(PortfolioSettingRecords[i]);
            }
        }

        return new WorkspaceData(Workspace, users, memberships, teams, teamMemberships, projects, projectMemberships, sections, tasks)
        {
            Portfolios = portfolios,
            PortfolioMemberships = portfolioMemberships,
            ProjectPortfolioSettings = portfolioSettings,
        };
    }

    private static void Grow<T>(ref T[] array, int capacity)
    {
        if (array.Length < capacity)
        {
            Array.Resize(ref array, capacity);
        }
    }

    private static void GrowFilled<T>(ref T[] array, int capacity, T fill)
    {
        if (array.Length < capacity)
        {
            var old = array.Length;
            Array.Resize(ref array, capacity);
            array.AsSpan(old).Fill(fill);
        }
    }
}
