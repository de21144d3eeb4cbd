using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

/// <summary>Limited-access team members: reported as such, and granted nothing through the team.</summary>
public sealed class LimitedAccessTests
{
    [Fact]
    public void A_limited_member_gets_no_team_grant_but_keeps_direct_membership_public_projects_and_task_rules()
    {
        var org = new SimulatedOrganization(seed: 2);
        var full = org.AddUser("Fay Full", "fay@acme.example");
        var limited = org.AddUser("Lee Limited", "lee@acme.example");
        var direct = org.AddUser("Dee Direct", "dee@acme.example");
        var team = org.AddTeam("Design");
        org.AddTeamMember(team, full);
        org.AddTeamMember(team, limited, isLimitedAccess: true);
        org.AddTeamMember(team, direct, isLimitedAccess: true);

        var teamOnly = org.AddProject("Team only", PrivacySettings.PrivateToTeam, team, memberGids: [direct]);
        var shared = org.AddProject("Shared with the team", PrivacySettings.Private, memberGids: [team]);
        var open = org.AddProject("Open", PrivacySettings.PublicToWorkspace, team);
        var teamTask = org.AddTask(teamOnly, "Team task");
        var followed = org.AddTask(teamOnly, "Followed by the limited member", followerGids: [limited]);
        var followedSub = org.AddSubtask(followed, "Its step");
        var sharedTask = org.AddTask(shared, "Shared task");
        var openTask = org.AddTask(open, "Open task");

        var v = org.ExpectedVisibility();

        v[full].Should().Contain([teamTask, followed, followedSub, sharedTask, openTask]);
        v[limited].Should().BeEquivalentTo([followed, followedSub, openTask], "rule 4 and task rules still apply; rules 2 and 3 do not");
        v[direct].Should().Contain([teamTask, followed, followedSub, openTask], "a direct project member keeps the project");
        v[direct].Should().NotContain(sharedTask, "a member team grants nothing to a limited member");

        org.SetTeamMemberLimitedAccess(team, limited, false);
        org.ExpectedVisibility()[limited].Should().Contain([teamTask, sharedTask]);
        org.SetTeamMemberLimitedAccess(team, limited, true);
        org.ExpectedVisibility()[limited].Should().NotContain([teamTask, sharedTask]);

        var exported = org.ToWorkspaceData().TeamMemberships;
        exported.Should().ContainSingle(m => m.UserGid == limited).Which.IsLimitedAccess.Should().BeTrue();
        exported.Should().ContainSingle(m => m.UserGid == full).Which.IsLimitedAccess.Should().BeFalse();
        FluentActions.Invoking(() => org.SetTeamMemberLimitedAccess(team, org.AddUser("Outsider", "out@acme.example"), true))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Team_memberships_report_is_limited_access_and_a_change_is_an_event_on_the_team_stream()
    {
        var org = SimulatedOrganization.Generate(8, OrganizationShape.Small);
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        var data = org.ToWorkspaceData();
        data.TeamMemberships.Should().Contain(m => m.IsLimitedAccess).And.Contain(m => !m.IsLimitedAccess);

        foreach (var team in data.Teams)
        {
            var listed = await http.GetAllAsync($"teams/{team.Gid}/team_memberships?opt_fields=user,is_limited_access");
            listed.Select(m => (m["user"]!["gid"]!.GetValue<string>(), m["is_limited_access"]!.GetValue<bool>()))
                .Should().BeEquivalentTo(data.TeamMemberships.Where(m => m.TeamGid == team.Gid).Select(m => (m.UserGid, m.IsLimitedAccess)));
        }

        var target = data.TeamMemberships.First(m => !m.IsLimitedAccess);
        var sync = (await http.GetJsonAsync($"events?resource={target.TeamGid}")).Body!["sync"]!.GetValue<string>();
        org.SetTeamMemberLimitedAccess(target.TeamGid, target.UserGid, true);
        org.SetTeamMemberLimitedAccess(target.TeamGid, target.UserGid, true);

        var (_, batch) = await http.GetJsonAsync($"events?resource={target.TeamGid}&sync={sync}");
        var ev = batch!["data"]!.AsArray().Should().ContainSingle("setting the same value twice changes nothing the second time").Subject!;
        ev["action"]!.GetValue<string>().Should().Be("changed");
        ev["resource"]!["resource_type"]!.GetValue<string>().Should().Be("team_membership");
        ev["change"]!["field"]!.GetValue<string>().Should().Be("is_limited_access");
        ev["change"]!["new_value"]!.GetValue<bool>().Should().BeTrue();
        var (_, now) = await http.GetJsonAsync($"team_memberships?team={target.TeamGid}&limit=100&opt_fields=user,is_limited_access");
        now!["data"]!.AsArray().Single(m => m!["user"]!["gid"]!.GetValue<string>() == target.UserGid)!["is_limited_access"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, false)]
    [InlineData(1, true)]
    public void The_generator_makes_limited_members_who_lose_a_project_and_some_who_keep_one_directly(int seed, bool demo)
    {
        var org = SimulatedOrganization.Generate(seed, demo ? OrganizationShape.Demo : OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        var limited = data.TeamMemberships.Where(m => m.IsLimitedAccess).ToList();
        (limited.Count / (double)data.TeamMemberships.Count).Should().BeInRange(0.01, 0.2, "a few percent");

        // Someone's limited membership hides a project's tasks they would see as a full member, yet they follow one.
        HashSet<string> Visible(string user)
        {
            lock (org.Gate)
            {
                return org.VisibleTaskGids(org.UsersByGid[user]);
            }
        }

        var losers = new List<string>();
        foreach (var m in limited)
        {
            var before = Visible(m.UserGid);
            org.SetTeamMemberLimitedAccess(m.TeamGid, m.UserGid, false);
            if (Visible(m.UserGid).Except(before).Any())
            {
                losers.Add(m.UserGid);
            }

            org.SetTeamMemberLimitedAccess(m.TeamGid, m.UserGid, true);
        }

        losers.Should().NotBeEmpty();
        var teamProjects = data.Projects.Where(p => p.TeamGid is not null).ToList();
        data.Tasks.Should().Contain(t => t.FollowerGids.Any(f => losers.Contains(f)) && t.Memberships.Any(pl => teamProjects.Any(p => p.Gid == pl.ProjectGid
            && limited.Any(l => l.UserGid == t.FollowerGids.First(losers.Contains) && l.TeamGid == p.TeamGid))), "a limited member follows a task of their team's project");
        limited.Should().Contain(l => data.ProjectMemberships.Any(pm => pm.MemberGid == l.UserGid
            && teamProjects.Any(p => p.Gid == pm.ProjectGid && p.TeamGid == l.TeamGid)), "a limited member who is also a direct member of a team project");
    }
}
