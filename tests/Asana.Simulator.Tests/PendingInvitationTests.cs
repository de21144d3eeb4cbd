using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

/// <summary>People invited but not yet joined: Asana reports them <c>is_active: true</c>, and the oracle treats them as members.</summary>
public sealed class PendingInvitationTests
{
    [Fact]
    public void An_invitee_sees_exactly_what_a_member_with_the_same_memberships_sees()
    {
        var org = new SimulatedOrganization(seed: 6);
        var owner = org.AddUser("Olga Owner", "olga@acme.example");
        var invitee = org.AddUser("Ivy Invited", "ivy@acme.example", pendingInvitation: true);
        var twin = org.AddUser("Tim Twin", "tim@acme.example");
        var team = org.AddTeam("Ops");
        org.AddTeamMember(team, invitee);
        org.AddTeamMember(team, twin);
        var teamOnly = org.AddProject("Runbooks", PrivacySettings.PrivateToTeam, team);
        var open = org.AddProject("Open", PrivacySettings.PublicToWorkspace);
        var closed = org.AddProject("Closed", PrivacySettings.Private, memberGids: [owner]);
        org.AddTask(teamOnly, "Rotate keys");
        org.AddTask(open, "Update wiki");
        var forInvitee = org.AddTask(closed, "Welcome pack", assigneeGid: invitee, followerGids: [twin]);
        org.AddSubtask(forInvitee, "Laptop");
        org.AddTask(closed, "Budget");

        var v = org.ExpectedVisibility();

        v[invitee].Should().NotBeEmpty().And.BeEquivalentTo(v[twin]);
        org.ToWorkspaceData().WorkspaceMemberships.Single(m => m.UserGid == invitee).IsActive.Should().BeTrue();
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(2, true)]
    public async Task Generated_invitees_are_reported_active_some_assigned_tasks_some_in_teams(int seed, bool demo)
    {
        var org = SimulatedOrganization.Generate(seed, demo ? OrganizationShape.Demo : OrganizationShape.Small);
        List<string> pending;
        lock (org.Gate)
        {
            pending = org.UserList.Where(u => u.IsPendingInvitation).Select(u => u.Gid).ToList();
        }

        var data = org.ToWorkspaceData();
        pending.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThan(data.Users.Count / 10 + 2);
        data.Tasks.Should().Contain(t => t.AssigneeGid != null && pending.Contains(t.AssigneeGid));
        data.TeamMemberships.Should().Contain(m => pending.Contains(m.UserGid));

        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        var listed = await http.GetAllAsync($"workspaces/{org.WorkspaceGid}/workspace_memberships?opt_fields=user,is_active");
        listed.Where(m => pending.Contains(m["user"]!["gid"]!.GetValue<string>())).Should().HaveCount(pending.Count)
            .And.OnlyContain(m => m["is_active"]!.GetValue<bool>());
        var expected = org.ExpectedVisibility();
        pending.Should().Contain(u => expected[u].Count > 0, "the oracle treats invitees as active");
    }
}
