using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Tokens;

/// <summary>CanView(u, t) must equal "the user's tokens intersect the ticket's tokens", for every pair.</summary>
public sealed class PrincipalTokenTests
{
    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, true, true)]
    [InlineData(3, false, false)]
    [InlineData(4, false, true)]
    [InlineData(5, true, false)]
    [InlineData(6, true, true)]
    public void TokenIntersection_EveryPair_EqualsCanView(int seed, bool isOrganization, bool projectless)
    {
        var data = RandomWorkspaces.Create(seed, isOrganization).Build();
        var engine = WorkspacePermissions.Build(data, new EvaluationOptions(projectless));
        var allowedPairs = 0;
        foreach (var user in EngineComparison.UserCandidates(data))
        {
            var userTokens = engine.GetUserPrincipalTokens(user);
            foreach (var task in data.Tasks)
            {
                var intersects = engine.GetTicketPrincipalTokens(task.Gid).Intersect(userTokens).Any();
                intersects.Should().Be(engine.CanView(user, task.Gid), "user {0}, task {1}", user, task.Gid);
                allowedPairs += intersects ? 1 : 0;
            }
        }

        allowedPairs.Should().BeGreaterThan(0, "the sample must exercise allowed pairs too");
    }

    [Fact]
    public void TokenIntersection_ScenarioWorkspace_EqualsCanView()
    {
        foreach (var projectless in new[] { false, true })
        {
            var builder = ScenarioWorkspace.Create();
            var engine = builder.Engine(projectless);
            foreach (var user in ScenarioWorkspace.Users)
            {
                foreach (var task in builder.Tasks)
                {
                    engine.GetTicketPrincipalTokens(task.Gid).Intersect(engine.GetUserPrincipalTokens(user)).Any()
                        .Should().Be(engine.CanView(user, task.Gid), "user {0}, task {1}", user, task.Gid);
                }
            }
        }
    }

    [Fact]
    public void GetUserPrincipalTokens_GuestInTeam_HoldsTeamButNoRole()
    {
        ScenarioWorkspace.Create().Engine().GetUserPrincipalTokens("carol").Should().Equal("team:marketing", "user:carol");
    }

    [Fact]
    public void GetUserPrincipalTokens_AdminAndInactive_FollowTheTable()
    {
        var engine = ScenarioWorkspace.Create().Engine();

        engine.GetUserPrincipalTokens("erin").Should().Equal("role:1:ADMIN", "user:erin");
        engine.GetUserPrincipalTokens("alice@acme.test").Should().Equal("role:1:MEMBER", "team:marketing", "user:alice");
        engine.GetUserPrincipalTokens("frank").Should().BeEmpty();
    }

    [Fact]
    public void GetTicketPrincipalTokens_SubtaskOfPublicProject_CarriesRolesTeamsAndCollaborators()
    {
        var engine = new WorkspaceBuilder().User("u1").User("u2").Team("t", "T", "u1")
            .Project("p", "P", Sources.PrivacySettings.PublicToWorkspace, team: "t", users: ["u2"])
            .Task("parent", assignee: "u1", projects: ["p"]).Task("child", followers: ["u2"], parent: "parent").Engine();

        engine.GetTicketPrincipalTokens("child").Should().Equal("role:1:ADMIN", "role:1:MEMBER", "team:t", "user:u1", "user:u2");
    }

    [Fact]
    public void PrincipalTokens_Helpers_FormatAsDocumented()
    {
        PrincipalTokens.ForUser("12").Should().Be("user:12");
        PrincipalTokens.ForTeam("34").Should().Be("team:34");
        PrincipalTokens.ForRole("56", "MEMBER").Should().Be("role:56:MEMBER");
    }
}
