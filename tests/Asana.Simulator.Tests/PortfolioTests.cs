using System.Text.Json.Nodes;
using Asana.Permissions.Sources;

namespace Asana.Simulator.Tests;

/// <summary>Portfolios: the inherited-access grant, the endpoints in the OAS's shapes, events, and the generator.</summary>
public sealed class PortfolioTests
{
    private sealed record Hand(
        SimulatedOrganization Org, string Owner, string Direct, string TeamMember, string Limited, string Guest, string Outsider,
        string Team, string Portfolio, string Inherited, string NotInherited, string InheritedTask, string NotInheritedTask);

    private static Hand Build()
    {
        var org = new SimulatedOrganization(seed: 12);
        var owner = org.AddUser("Olu Owner", "olu@acme.example");
        var direct = org.AddUser("Dana Direct", "dana@acme.example");
        var teamMember = org.AddUser("Tara Team", "tara@acme.example");
        var limited = org.AddUser("Lars Limited", "lars@acme.example");
        var guest = org.AddUser("Gus Guest", "gus@agency.example", isGuest: true);
        var outsider = org.AddUser("Otto Outside", "otto@acme.example");
        var team = org.AddTeam("Leadership");
        org.AddTeamMember(team, teamMember);
        org.AddTeamMember(team, limited, isLimitedAccess: true);
        var inherited = org.AddProject("Secret plan", PrivacySettings.Private);
        var notInherited = org.AddProject("Other secret", PrivacySettings.Private);
        var inheritedTask = org.AddTask(inherited, "Step one");
        org.AddSubtask(inheritedTask, "Step one, part a");
        var notInheritedTask = org.AddTask(notInherited, "Elsewhere");
        var portfolio = org.AddPortfolio("Company Roadmap", owner);
        org.AddPortfolioMember(portfolio, direct);
        org.AddPortfolioMember(portfolio, team);
        org.AddPortfolioMember(portfolio, guest);
        org.AddProjectToPortfolio(portfolio, inherited, inheritAccess: true);
        org.AddProjectToPortfolio(portfolio, notInherited, inheritAccess: false);
        return new Hand(org, owner, direct, teamMember, limited, guest, outsider, team, portfolio, inherited, notInherited, inheritedTask, notInheritedTask);
    }

    [Fact]
    public void Members_of_a_portfolio_see_its_projects_with_inherited_access_and_only_those()
    {
        var h = Build();
        var org = h.Org;
        var v = org.ExpectedVisibility();

        foreach (var user in new[] { h.Owner, h.Direct, h.TeamMember, h.Guest })
        {
            v[user].Should().Contain(h.InheritedTask, user).And.NotContain(h.NotInheritedTask, user);
            v[user].Should().HaveCount(2, "the task and its subtask");
        }

        v[h.Limited].Should().BeEmpty("a limited-access team membership grants nothing through the team");
        v[h.Outsider].Should().BeEmpty();

        org.SetPortfolioAccessInheritance(h.Portfolio, h.NotInherited, true);
        org.ExpectedVisibility()[h.Direct].Should().Contain(h.NotInheritedTask);
        org.RemovePortfolioMember(h.Portfolio, h.Team);
        org.ExpectedVisibility()[h.TeamMember].Should().BeEmpty();
        org.RemoveProjectFromPortfolio(h.Portfolio, h.Inherited);
        org.ExpectedVisibility()[h.Direct].Should().NotContain(h.InheritedTask).And.Contain(h.NotInheritedTask);
        FluentActions.Invoking(() => org.SetPortfolioAccessInheritance(h.Portfolio, h.Inherited, true)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void The_export_carries_portfolios_their_members_and_settings()
    {
        var h = Build();
        var data = h.Org.ToWorkspaceData();

        data.Portfolios.Should().Equal(new PortfolioRecord(h.Portfolio, "Company Roadmap"));
        data.PortfolioMemberships.Should().BeEquivalentTo(
        [
            new PortfolioMembershipRecord(h.Portfolio, h.Owner, MemberKind.User),
            new PortfolioMembershipRecord(h.Portfolio, h.Direct, MemberKind.User),
            new PortfolioMembershipRecord(h.Portfolio, h.Team, MemberKind.Team),
            new PortfolioMembershipRecord(h.Portfolio, h.Guest, MemberKind.User),
        ]);
        data.ProjectPortfolioSettings.Should().BeEquivalentTo(
        [
            new ProjectPortfolioSettingRecord(h.Portfolio, h.Inherited, true),
            new ProjectPortfolioSettingRecord(h.Portfolio, h.NotInherited, false),
        ]);

        h.Org.DeleteProject(h.Inherited);
        h.Org.ToWorkspaceData().ProjectPortfolioSettings.Should().ContainSingle().Which.ProjectGid.Should().Be(h.NotInherited);
    }

    [Fact]
    public async Task Portfolio_endpoints_answer_in_the_OAS_shapes()
    {
        var org = SimulatedOrganization.Generate(14, OrganizationShape.Demo);
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        var ws = org.WorkspaceGid;
        var data = org.ToWorkspaceData();
        var names = data.Users.ToDictionary(u => u.Gid, u => u.Name);

        (await http.GetJsonAsync("portfolios")).Status.Should().Be(400, "workspace is required");
        var listed = await http.GetAllAsync($"portfolios?workspace={ws}", limit: 2);
        listed.Select(p => p["gid"]!.GetValue<string>()).Should().Equal(data.Portfolios.Select(p => p.Gid));
        listed.Should().OnlyContain(p => p.Select(kv => kv.Key).SequenceEqual(new[] { "gid", "resource_type", "name" }) && p["resource_type"]!.GetValue<string>() == "portfolio");

        var (_, full) = await http.GetJsonAsync($"portfolios/{data.Portfolios[0].Gid}");
        var portfolio = full!["data"]!.AsObject();
        var owner = portfolio["owner"]!["gid"]!.GetValue<string>();
        portfolio["owner"]!["name"]!.GetValue<string>().Should().Be(names[owner]);
        portfolio["workspace"]!["gid"]!.GetValue<string>().Should().Be(ws);
        portfolio.ContainsKey("archived").Should().BeFalse("archived is opt-in");
        portfolio["members"]!.AsArray().Select(m => m!["gid"]!.GetValue<string>()).Should().BeEquivalentTo(
            data.PortfolioMemberships.Where(m => m.PortfolioGid == data.Portfolios[0].Gid && m.MemberKind == MemberKind.User).Select(m => m.MemberGid));
        var owned = await http.GetAllAsync($"portfolios?workspace={ws}&owner={owner}");
        owned.Should().NotBeEmpty();
        foreach (var p in owned)
        {
            var (_, one) = await http.GetJsonAsync($"portfolios/{p["gid"]!.GetValue<string>()}?opt_fields=owner");
            one!["data"]!.AsObject().Select(kv => kv.Key).Should().Equal("gid", "owner");
            one["data"]!["owner"]!["gid"]!.GetValue<string>().Should().Be(owner);
        }

        var settings = new List<JsonObject>();
        foreach (var p in data.Portfolios)
        {
            settings.AddRange(await http.GetAllAsync($"portfolios/{p.Gid}/project_portfolio_settings", limit: 1));
        }

        settings.Should().OnlyContain(s => s.Select(kv => kv.Key).SequenceEqual(new[] { "gid", "resource_type", "project", "portfolio", "is_access_control_inherited" })
            && s["resource_type"]!.GetValue<string>() == "project_portfolio_setting" && s["project"]!["name"] != null && s["portfolio"]!["resource_type"]!.GetValue<string>() == "portfolio");
        settings.Select(s => new ProjectPortfolioSettingRecord(s["portfolio"]!["gid"]!.GetValue<string>(), s["project"]!["gid"]!.GetValue<string>(), s["is_access_control_inherited"]!.GetValue<bool>()))
            .Should().BeEquivalentTo(data.ProjectPortfolioSettings);
        var setting = settings[0];
        var project = setting["project"]!["gid"]!.GetValue<string>();
        var byProject = await http.GetAllAsync($"projects/{project}/project_portfolio_settings?opt_fields=is_access_control_inherited,portfolio.name,created_at");
        byProject.Select(s => s["gid"]!.GetValue<string>()).Should().Contain(setting["gid"]!.GetValue<string>());
        byProject.Should().OnlyContain(s => s.Select(kv => kv.Key).SequenceEqual(new[] { "gid", "portfolio", "is_access_control_inherited", "created_at" }));
        var (_, single) = await http.GetJsonAsync($"project_portfolio_settings/{setting["gid"]!.GetValue<string>()}");
        single!["data"]!["project"]!["gid"]!.GetValue<string>().Should().Be(project);

        var withTeam = data.PortfolioMemberships.First(m => m.MemberKind == MemberKind.Team).PortfolioGid;
        var memberships = await http.GetAllAsync($"memberships?parent={withTeam}");
        memberships.Should().OnlyContain(m => m["resource_type"]!.GetValue<string>() == "membership"
            && m["resource_subtype"]!.GetValue<string>() == "portfolio_membership"
            && m["parent"]!["gid"]!.GetValue<string>() == withTeam && m["parent"]!["resource_type"]!.GetValue<string>() == "portfolio"
            && m["access_level"] != null);
        memberships.Select(m => (m["member"]!["gid"]!.GetValue<string>(), m["member"]!["resource_type"]!.GetValue<string>())).Should().BeEquivalentTo(
            data.PortfolioMemberships.Where(m => m.PortfolioGid == withTeam).Select(m => (m.MemberGid, m.MemberKind == MemberKind.User ? "user" : "team")));

        var legacy = await http.GetAllAsync($"portfolio_memberships?portfolio={withTeam}");
        legacy.Should().OnlyContain(m => m.Select(kv => kv.Key).SequenceEqual(new[] { "gid", "resource_type", "user", "access_level" })
            && m["resource_type"]!.GetValue<string>() == "portfolio_membership");
        legacy.Select(m => m["user"]!["gid"]!.GetValue<string>()).Should().BeEquivalentTo(
            data.PortfolioMemberships.Where(m => m.PortfolioGid == withTeam && m.MemberKind == MemberKind.User).Select(m => m.MemberGid), "the older endpoint lists users only");
        var nested = await http.GetAllAsync($"portfolios/{withTeam}/portfolio_memberships?opt_fields=portfolio.name,user");
        nested.Should().OnlyContain(m => m["portfolio"]!["name"] != null && m["user"]!["resource_type"]!.GetValue<string>() == "user" && !m.ContainsKey("access_level"));
        var someone = legacy[0]["user"]!["gid"]!.GetValue<string>();
        var across = await http.GetAllAsync($"portfolio_memberships?workspace={ws}&user={someone}&opt_fields=portfolio");
        across.Select(m => m["portfolio"]!["gid"]!.GetValue<string>()).Should().BeEquivalentTo(
            data.PortfolioMemberships.Where(m => m.MemberGid == someone).Select(m => m.PortfolioGid));
        (await http.GetJsonAsync("portfolio_memberships")).Status.Should().Be(400);
        (await http.GetJsonAsync($"portfolios/{ws}")).Status.Should().Be(404);
        server.Requests.Count(RequestKind.Portfolios).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Portfolio_changes_are_events_on_the_portfolio_stream_and_item_changes_on_the_project_stream_too()
    {
        var h = Build();
        var (server, http) = await ServerFixture.StartAsync(h.Org);
        await using var _ = server;
        using var __ = http;
        var portfolioSync = (await http.GetJsonAsync($"events?resource={h.Portfolio}")).Body!["sync"]!.GetValue<string>();
        var projectSync = (await http.GetJsonAsync($"events?resource={h.NotInherited}")).Body!["sync"]!.GetValue<string>();

        h.Org.AddPortfolioMember(h.Portfolio, h.Outsider);
        h.Org.SetPortfolioAccessInheritance(h.Portfolio, h.NotInherited, true);
        h.Org.RemoveProjectFromPortfolio(h.Portfolio, h.NotInherited);

        static IEnumerable<(string, string, string)> Summary(JsonNode body) => body["data"]!.AsArray()
            .Select(e => (e!["resource"]!["resource_type"]!.GetValue<string>(), e["action"]!.GetValue<string>(), e["parent"]?["gid"]?.GetValue<string>() ?? ""));
        var portfolioEvents = Summary((await http.GetJsonAsync($"events?resource={h.Portfolio}&sync={portfolioSync}")).Body!).ToList();
        var projectEvents = Summary((await http.GetJsonAsync($"events?resource={h.NotInherited}&sync={projectSync}")).Body!).ToList();

        portfolioEvents.Should().Equal(("portfolio_membership", "added", h.Portfolio), ("project_portfolio_setting", "changed", h.Portfolio), ("project", "removed", h.Portfolio));
        projectEvents.Should().Equal(("project_portfolio_setting", "changed", h.Portfolio), ("project", "removed", h.Portfolio));
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(2, true)]
    public void The_generator_makes_portfolios_that_grant_projects_through_users_teams_and_guests(int seed, bool demo)
    {
        var org = SimulatedOrganization.Generate(seed, demo ? OrganizationShape.Demo : OrganizationShape.Small);
        var data = org.ToWorkspaceData();
        var guests = data.WorkspaceMemberships.Where(m => m.IsGuest).Select(m => m.UserGid).ToHashSet();
        var limitedTeams = data.TeamMemberships.Where(m => m.IsLimitedAccess).Select(m => m.TeamGid).ToHashSet();

        data.Portfolios.Should().HaveCount(demo ? OrganizationShape.Demo.Portfolios : OrganizationShape.Small.Portfolios);
        data.ProjectPortfolioSettings.Should().Contain(s => s.IsAccessControlInherited).And.Contain(s => !s.IsAccessControlInherited);
        data.PortfolioMemberships.Should().Contain(m => m.MemberKind == MemberKind.Team && limitedTeams.Contains(m.MemberGid), "a member team with a limited-access member");
        data.PortfolioMemberships.Should().Contain(m => m.MemberKind == MemberKind.User && guests.Contains(m.MemberGid), "a guest member");

        // Turning inheritance off everywhere takes something away from someone: the grant matters.
        var before = org.ExpectedVisibility();
        foreach (var s in data.ProjectPortfolioSettings.Where(s => s.IsAccessControlInherited))
        {
            org.SetPortfolioAccessInheritance(s.PortfolioGid, s.ProjectGid, false);
        }

        var after = org.ExpectedVisibility();
        after.Should().Contain(kv => kv.Value.Count < before[kv.Key].Count);
        after.Should().OnlyContain(kv => kv.Value.IsSubsetOf(before[kv.Key]));

        var plain = SimulatedOrganization.Generate(seed, OrganizationShape.Small with { IsOrganization = false }).ToWorkspaceData();
        plain.Portfolios.Should().NotBeEmpty();
        plain.PortfolioMemberships.Should().OnlyContain(m => m.MemberKind == MemberKind.User);
    }
}
