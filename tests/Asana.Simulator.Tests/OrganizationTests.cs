using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

public sealed class OrganizationTests
{
    [Fact]
    public void Generation_is_deterministic_per_seed()
    {
        var a = SimulatedOrganization.Generate(42, OrganizationShape.Small).ToWorkspaceData();
        var b = SimulatedOrganization.Generate(42, OrganizationShape.Small).ToWorkspaceData();
        var c = SimulatedOrganization.Generate(43, OrganizationShape.Small).ToWorkspaceData();

        a.Workspace.Should().Be(b.Workspace);
        a.Tasks.Select(t => (t.Gid, t.Name, t.AssigneeGid, t.ParentGid, string.Join(',', t.FollowerGids)))
            .Should().Equal(b.Tasks.Select(t => (t.Gid, t.Name, t.AssigneeGid, t.ParentGid, string.Join(',', t.FollowerGids))));
        a.Users.Should().Equal(b.Users);
        a.ProjectMemberships.Should().Equal(b.ProjectMemberships);
        c.Tasks.Select(t => t.Gid).Should().NotEqual(a.Tasks.Select(t => t.Gid));
    }

    [Fact]
    public void Small_has_every_edge_case()
    {
        var data = SimulatedOrganization.Generate(5, OrganizationShape.Small).ToWorkspaceData();
        var byGid = data.Tasks.ToDictionary(t => t.Gid);

        data.Workspace.IsOrganization.Should().BeTrue();
        data.Users.Count.Should().BeInRange(25, 35);
        data.WorkspaceMemberships.Should().Contain(m => m.IsGuest && m.IsActive);
        data.WorkspaceMemberships.Should().Contain(m => !m.IsActive);
        data.WorkspaceMemberships.Should().Contain(m => m.IsAdmin);
        var guests = data.WorkspaceMemberships.Where(m => m.IsGuest).Select(m => m.UserGid).ToHashSet();
        data.TeamMemberships.Should().Contain(m => m.IsGuest && guests.Contains(m.UserGid));
        data.Projects.Select(p => p.PrivacySetting).Distinct().Should().BeEquivalentTo(
            PrivacySettings.PublicToWorkspace, PrivacySettings.PrivateToTeam, PrivacySettings.Private);
        data.Projects.Should().Contain(p => p.TeamGid == null).And.Contain(p => p.TeamGid != null).And.Contain(p => p.Archived);
        data.ProjectMemberships.Should().Contain(m => m.MemberKind == MemberKind.Team).And.Contain(m => m.MemberKind == MemberKind.User);
        data.Tasks.Should().Contain(t => t.Memberships.Count > 1, "multi-homed");
        data.Tasks.Count.Should().BeInRange(100, 250);
        data.Tasks.Should().Contain(t => t.ParentGid == null && t.Memberships.Count == 0 && t.AssigneeGid != null, "project-less, assigned");
        data.Tasks.Should().Contain(t => t.ParentGid == null && t.Memberships.Count == 0 && t.AssigneeGid == null && t.FollowerGids.Count > 0, "project-less, only followed");
        data.Tasks.Should().Contain(t => t.ParentGid != null && t.Memberships.Count > 0, "a subtask explicitly added to a project");
        data.Tasks.Max(t => Depth(t, byGid)).Should().Be(4);
        data.Tasks.Select(t => t.Gid).Concat(data.Users.Select(u => u.Gid)).Should().Contain(g => g.Length > 20, "gids beyond 64 bits");
        data.Tasks.Select(t => t.Gid).Should().OnlyContain(g => g.All(char.IsAsciiDigit));
        data.Tasks.Should().Contain(t => t.Notes != null && t.Notes.Length > 20);

        // A follower who is not a member of a private project holding the task.
        var members = data.ProjectMemberships.Where(m => m.MemberKind == MemberKind.User).ToLookup(m => m.ProjectGid, m => m.MemberGid);
        var privates = data.Projects.Where(p => p.PrivacySetting == PrivacySettings.Private).Select(p => p.Gid).ToHashSet();
        data.Tasks.Should().Contain(t => t.Memberships.Any(m => privates.Contains(m.ProjectGid)
            && t.FollowerGids.Any(f => !members[m.ProjectGid].Contains(f))));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void A_few_percent_of_tasks_are_milestones_and_approvals_followed_only_project_less_ones_included(int seed, bool demo)
    {
        var org = SimulatedOrganization.Generate(seed, demo ? OrganizationShape.Demo : OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        Dictionary<string, string> subtype;
        lock (org.Gate)
        {
            subtype = org.TaskList.ToDictionary(t => t.Gid, t => t.ResourceSubtype);
        }

        var hidden = SimulatedOrganization.UndiscoverableWithoutSearch(data);
        foreach (var kind in new[] { "milestone", "approval" })
        {
            var share = subtype.Values.Count(v => v == kind) / (double)subtype.Count;
            share.Should().BeInRange(0.01, 0.1, kind);
            data.Tasks.Should().Contain(t => t.ParentGid == null && t.Memberships.Count == 0 && t.AssigneeGid == null && subtype[t.Gid] == kind, $"a followed-only {kind}");
        }

        hidden.Select(g => subtype[g]).Should().Contain("default_task", "a search naming no subtype misses followed-only default tasks");
        hidden.Select(g => subtype[g]).Should().Contain("milestone").And.Contain("approval", "a search naming only default_task misses these");
    }

    [Fact]
    public void Demo_and_plain_workspace_shapes_generate()
    {
        var demo = SimulatedOrganization.Generate(1, OrganizationShape.Demo).ToWorkspaceData();
        demo.Users.Count.Should().BeInRange(250, 400);
        demo.Teams.Should().HaveCount(10);
        demo.Projects.Should().HaveCount(40);
        demo.Tasks.Count.Should().BeGreaterThan(2000);

        var plain = SimulatedOrganization.Generate(1, OrganizationShape.Small with { IsOrganization = false }).ToWorkspaceData();
        plain.Teams.Should().BeEmpty();
        plain.WorkspaceMemberships.Should().NotContain(m => m.IsGuest);
        plain.Projects.Should().OnlyContain(p => p.TeamGid == null);
    }

    [Fact]
    public void Mutations_keep_the_export_and_the_oracle_consistent()
    {
        var org = SimulatedOrganization.Generate(9, OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        var parent = data.Tasks.First(t => t.ParentGid == null && t.Memberships.Count > 0 && data.Tasks.Any(s => s.ParentGid == t.Gid));
        var before = org.TaskCount;
        var descendants = Descendants(parent.Gid, data.Tasks).Count;

        org.DeleteTask(parent.Gid);

        org.TaskCount.Should().Be(before - 1 - descendants);
        org.GetTask(parent.Gid).Should().BeNull();
        org.ExpectedVisibility().Values.Should().OnlyContain(s => !s.Contains(parent.Gid));
        org.EventCount.Should().Be(1 + descendants);
    }

    [Fact]
    public void Expected_visibility_on_a_hand_built_organization()
    {
        var org = new SimulatedOrganization(seed: 1);
        var alice = org.AddUser("Alice Member", "alice@acme.example");
        var bob = org.AddUser("Bob Member", "bob@acme.example");
        var gina = org.AddUser("Gina Guest", "gina@agency.example", isGuest: true);
        var dan = org.AddUser("Dan Deactivated", "dan@acme.example");
        var team = org.AddTeam("Marketing");
        org.AddTeamMember(team, bob);
        org.AddTeamMember(team, gina);

        var privateProject = org.AddProject("Board Meeting", PrivacySettings.Private, memberGids: [alice]);
        var teamProject = org.AddProject("Launch", PrivacySettings.PrivateToTeam, team);
        var publicProject = org.AddProject("Website Redesign", PrivacySettings.PublicToWorkspace);

        var secret = org.AddTask(privateProject, "Draft board deck");
        var followed = org.AddTask(privateProject, "Review Q3 budget", followerGids: [bob]);
        var teamTask = org.AddTask(teamProject, "Draft launch brief");
        var publicTask = org.AddTask(publicProject, "Update landing page copy");
        var subOfSecret = org.AddSubtask(secret, "Collect numbers");
        var deepSub = org.AddSubtask(subOfSecret, "Check the numbers");
        var mine = org.AddProjectlessTask("Book dentist", alice);
        var onlyFollowed = org.AddProjectlessTask("Plan offsite", null, [bob]);
        org.AddTask(privateProject, "Old news", assigneeGid: dan);
        org.DeactivateUser(dan);

        var v = org.ExpectedVisibility();

        // Private project: members only; a follower outside the project sees only what they follow.
        v[alice].Should().Contain([secret, followed, subOfSecret, deepSub]);
        v[bob].Should().Contain(followed).And.NotContain(secret);
        v[bob].Should().NotContain([subOfSecret, deepSub]);

        // Team-only: team members (guests included), not other members.
        v[bob].Should().Contain(teamTask);
        v[gina].Should().Contain(teamTask);
        v[alice].Should().NotContain(teamTask);

        // Public: every non-guest member; not a guest outside the team.
        v[alice].Should().Contain(publicTask);
        v[bob].Should().Contain(publicTask);
        v[gina].Should().NotContain(publicTask);

        // Project-less: collaborators only, unless the host opts in.
        v[alice].Should().Contain(mine).And.NotContain(onlyFollowed);
        v[bob].Should().Contain(onlyFollowed).And.NotContain(mine);
        var optIn = org.ExpectedVisibility(projectlessVisibleToMembers: true);
        optIn[bob].Should().Contain(mine);
        optIn[gina].Should().NotContain(mine);

        // Deactivated: nothing.
        v[dan].Should().BeEmpty();

        // Sharing a private project with the team opens it to the team, subtasks included.
        org.AddProjectMember(privateProject, team);
        org.ExpectedVisibility()[gina].Should().Contain([secret, subOfSecret, deepSub]);
    }

    private static int Depth(TaskRecord task, Dictionary<string, TaskRecord> byGid)
    {
        var depth = 0;
        while (task.ParentGid is not null)
        {
            depth++;
            task = byGid[task.ParentGid];
        }

        return depth;
    }

    private static List<string> Descendants(string gid, IReadOnlyList<TaskRecord> tasks)
    {
        var result = new List<string>();
        foreach (var child in tasks.Where(t => t.ParentGid == gid))
        {
            result.Add(child.Gid);
            result.AddRange(Descendants(child.Gid, tasks));
        }

        return result;
    }
}
