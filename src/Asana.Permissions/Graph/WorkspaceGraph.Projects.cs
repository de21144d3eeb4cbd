using Asana.Permissions.Indexing;
using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>Projects: records, memberships, privacy, the tasks each holds, and their Merge collections.</summary>
internal sealed partial class WorkspaceGraph
{
    private static readonly int[] NoIndices = [];

    public GidIndex ProjectIds { get; }

    public ProjectRecord?[] ProjectRecords = [];

    public ProjectMembershipRecord[][] ProjectMembershipRecords = [];

    /// <summary>Distinct user members (rule 1).</summary>
    public int[][] ProjectMemberUsers = [];

    /// <summary>Distinct team members (rule 2).</summary>
    public int[][] ProjectMemberTeams = [];

    /// <summary><c>project.team</c>, or -1.</summary>
    public int[] ProjectTeam = [];

    public ProjectPrivacy[] ProjectPrivacies = [];

    /// <summary>Existing tasks placed in the project (the project need not exist: placements are kept as read).</summary>
    public readonly SlicePool ProjectTasks = new();

    /// <summary>Existing sections of the project.</summary>
    public IntBag[] ProjectSections = [];

    public Collection?[] ProjectCollections = [];

    /// <summary>Existing <c>public_to_workspace</c> projects.</summary>
    public BitSet PublicProjects { get; }

    // Shared Merge pieces per project: most tasks live in one project, so they share one "[project]" list and one
    // INHERITED object instead of allocating their own.
    private string[]?[] _projectOnlyLists = [];
    private Permission?[] _inheritFromProject = [];
    private Permission[]?[] _inheritFromProjectOnly = [];

    // GrantingTeams per existing project, kept current by Attach/DetachProject so the team indexes never recompute it.
    private int[][] _grantingTeams = [];

    public bool ProjectExists(int project) => ProjectRecords[project] is not null;

    public int InternProject(string gid)
    {
        var index = ProjectIds.Intern(gid);
        if (index >= ProjectRecords.Length)
        {
            GrowProjects();
        }

        return index;
    }

    public string[] ProjectOnlyList(int project) => _projectOnlyLists[project] ??= [ProjectIds.GidAt(project)];

    public Permission InheritFromProject(int project) =>
        _inheritFromProject[project] ??= MergeShapes.InheritFromCollections(ProjectOnlyList(project));

    public Permission[] InheritFromProjectOnly(int project) => _inheritFromProjectOnly[project] ??= [InheritFromProject(project)];

    /// <summary>The distinct teams whose members can open the project through a team (rules 2 and 3).</summary>
    public int[] GrantingTeams(int project) => _grantingTeams[project];

    /// <summary>The distinct user and team indices a membership list names (users and teams of a project or portfolio).</summary>
    private (int[] Users, int[] Teams) InternMembers(IEnumerable<(string Gid, MemberKind Kind)> members)
    {
        var users = new IntBag();
        var teams = new IntBag();
        foreach (var (gid, kind) in members)
        {
            if (kind == MemberKind.User)
            {
                users.AddDistinct(InternUser(gid));
            }
            else
            {
                teams.AddDistinct(InternTeam(gid));
            }
        }

        return (users.Count == 0 ? NoIndices : users.Items.ToArray(), teams.Count == 0 ? NoIndices : teams.Items.ToArray());
    }

    private int[] ComputeGrantingTeams(int project)
    {
        var members = ProjectMemberTeams[project];
        var team = ProjectTeam[project];
        if (team < 0 || ProjectPrivacies[project] == ProjectPrivacy.Private || members.Contains(team))
        {
            return members;
        }

        return [.. members, team];
    }

    /// <summary>Replaces a project (null record: removes it) with its memberships.</summary>
    public void ReplaceProject(int project, ProjectRecord? record, IReadOnlyList<ProjectMembershipRecord> memberships)
    {
        if (ProjectExists(project))
        {
            DetachProject(project);
        }

        if (record is not null)
        {
            var gid = ProjectIds.GidAt(project);
            var own = new List<ProjectMembershipRecord>(memberships.Count);
            foreach (var membership in memberships)
            {
                // A membership of another project does not belong in this replacement.
                if (string.Equals(membership.ProjectGid, gid, StringComparison.Ordinal))
                {
                    own.Add(membership);
                }
            }

            AttachProject(project, record, [.. own]);
        }
    }

    private void LoadProjects(IReadOnlyList<ProjectRecord> projects, IReadOnlyList<ProjectMembershipRecord> memberships)
    {
        foreach (var project in projects)
        {
            var index = InternProject(project.Gid);
            if (ProjectExists(index))
            {
                DetachProject(index);
            }

            ProjectRecords[index] = project;
        }

        // Memberships of a project that was not read grant nothing: they are dropped.
        var byProject = new Dictionary<int, List<ProjectMembershipRecord>>();
        foreach (var membership in memberships)
        {
            var index = ProjectIds.Find(membership.ProjectGid);
            if (index >= 0 && ProjectExists(index))
            {
                if (!byProject.TryGetValue(index, out var list))
                {
                    byProject[index] = list = [];
                }

                list.Add(membership);
            }
        }

        for (var index = 0; index < ProjectIds.Count; index++)
        {
            if (ProjectRecords[index] is { } record)
            {
                AttachProject(index, record, byProject.TryGetValue(index, out var list) ? [.. list] : []);
            }
        }
    }

    private void AttachProject(int project, ProjectRecord record, ProjectMembershipRecord[] memberships)
    {
        ProjectRecords[project] = record;
        ProjectMembershipRecords[project] = memberships;
        (ProjectMemberUsers[project], ProjectMemberTeams[project]) = InternMembers(memberships.Select(m => (m.MemberGid, m.MemberKind)));
        ProjectTeam[project] = record.TeamGid is null ? -1 : InternTeam(record.TeamGid);
        ProjectPrivacies[project] = ProjectPrivacyParser.Parse(record.PrivacySetting);
        _grantingTeams[project] = ComputeGrantingTeams(project);

        foreach (var user in ProjectMemberUsers[project])
        {
            UserDirectProjects[user].Add(project);
        }

        foreach (var team in GrantingTeams(project))
        {
            TeamGrantedProjects[team].Add(project);
        }

        PublicProjects.Set(project, ProjectPrivacies[project] == ProjectPrivacy.Public);
        ProjectCollections[project] = CreateProjectCollection(project);
    }

    private void DetachProject(int project)
    {
        foreach (var user in ProjectMemberUsers[project])
        {
            UserDirectProjects[user].Remove(project);
        }

        foreach (var team in GrantingTeams(project))
        {
            TeamGrantedProjects[team].Remove(project);
        }

        PublicProjects.Remove(project);
        ProjectRecords[project] = null;
        ProjectMembershipRecords[project] = [];
        ProjectMemberUsers[project] = NoIndices;
        ProjectMemberTeams[project] = NoIndices;
        ProjectTeam[project] = -1;
        ProjectPrivacies[project] = ProjectPrivacy.Private;
        _grantingTeams[project] = NoIndices;
        ProjectCollections[project] = null;
    }

    private Collection CreateProjectCollection(int project)
    {
        var record = ProjectRecords[project]!;
        var permissions = new List<Permission>(3);
        if (ProjectPrivacies[project] == ProjectPrivacy.Public)
        {
            permissions.Add(MergeShapes.AdminAndMemberRolesAllowed);
        }

        var teams = GrantingTeams(project);
        if (teams.Length > 0)
        {
            var teamGids = new string[teams.Length];
            for (var i = 0; i < teams.Length; i++)
            {
                teamGids[i] = TeamIds.GidAt(teams[i]);
            }

            permissions.Add(MergeShapes.AllowTeams(teamGids));
        }

        var users = ProjectMemberUsers[project];
        if (users.Length > 0)
        {
            var userGids = new string[users.Length];
            for (var i = 0; i < users.Length; i++)
            {
                userGids[i] = UserIds.GidAt(users[i]);
            }

            permissions.Add(MergeShapes.AllowUsers(userGids));
        }

        AddPortfolioPermissions(project, permissions);
        return new Collection(record.Gid, record.Name, CollectionType.Project, null, permissions.Count == 0 ? MergeShapes.NoPermissions : [.. permissions],
            record.Notes,
            ProjectPrivacyParser.AccessLevel(record.PrivacySetting));
    }

    /// <summary>
    /// Each portfolio that shares the project's access is its own grant: one ALLOWED object for its user members and
    /// one for its team members, in ordinal order of portfolio gid.
    /// </summary>
    private void AddPortfolioPermissions(int project, List<Permission> permissions)
    {
        var portfolios = ProjectPortfolios[project].Items;
        if (portfolios.Length == 0)
        {
            return;
        }

        var ordered = portfolios.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(PortfolioIds.GidAt(a), PortfolioIds.GidAt(b)));
        foreach (var portfolio in ordered)
        {
            // Ordinal order, so the same memberships give the same object whatever order Asana listed them in.
            if (PortfolioMemberUsers[portfolio] is { Length: > 0 } users)
            {
                permissions.Add(MergeShapes.AllowUsers([.. users.Select(UserIds.GidAt).Order(StringComparer.Ordinal)]));
            }

            if (PortfolioMemberTeams[portfolio] is { Length: > 0 } teams)
            {
                permissions.Add(MergeShapes.AllowTeams([.. teams.Select(TeamIds.GidAt).Order(StringComparer.Ordinal)]));
            }
        }
    }

    /// <summary>Rebuilds the collections of the existing projects among <paramref name="projects"/> (their portfolios changed).</summary>
    private void RefreshProjectCollections(List<int> projects)
    {
        foreach (var project in projects)
        {
            if (ProjectExists(project))
            {
                ProjectCollections[project] = CreateProjectCollection(project);
            }
        }
    }

    private void GrowProjects()
    {
        var capacity = ProjectIds.Capacity;
        Grow(ref ProjectRecords, capacity);
        GrowFilled(ref ProjectMembershipRecords, capacity, []);
        GrowFilled(ref ProjectMemberUsers, capacity, NoIndices);
        GrowFilled(ref ProjectMemberTeams, capacity, NoIndices);
        GrowFilled(ref ProjectTeam, capacity, -1);
        Grow(ref ProjectPrivacies, capacity);
        ProjectTasks.GrowKeys(capacity);
        Grow(ref ProjectSections, capacity);
        Grow(ref ProjectPortfolios, capacity);
        Grow(ref ProjectCollections, capacity);
        Grow(ref _projectOnlyLists, capacity);
        Grow(ref _inheritFromProject, capacity);
        Grow(ref _inheritFromProjectOnly, capacity);
        GrowFilled(ref _grantingTeams, capacity, NoIndices);
    }
}
